"""Synthetic sample documents for the demo, and the small writer that makes them.

Every name, member id, NPI and phone number in these files is invented; the codes are real
code-system codes so that validation has something true to check.
"""
