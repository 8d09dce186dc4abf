"""Solutions, case studies, adoptions and savings evidence (filled in by the catalogue issue)."""
