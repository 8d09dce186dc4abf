"""GitHub harvesting through github3.py (filled in by the harvest issue)."""
