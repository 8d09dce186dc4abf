from pathlib import Path

CLEAN_PUBLICCODE = (
    Path(__file__).parent / "data" / "publiccode" / "Amsterdam__design-system.publiccode.yml"
).read_bytes()
