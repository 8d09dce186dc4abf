"""For ``make mutation`` only: every mutant's test run starts from one migrated database.

mutmut runs the tests of each mutant in a new pytest session, and pytest-django would
build the in-memory SQLite test database (every migration) again in each. With
``HUB_MUTATION_DB_TEMPLATE`` set (``bench/mutation.py`` sets it), the first session
migrates as usual and keeps a copy of the result in that file; every later session
restores the copy with SQLite's backup API, which takes milliseconds. ``bench/mutation.py``
deletes the file when a run starts, so a new migration is always picked up.
"""

import os
import sqlite3
from pathlib import Path

from django.conf import settings
from django.db.backends.sqlite3.creation import DatabaseCreation


def use_template(template: Path) -> None:
    migrate_and_create = DatabaseCreation.create_test_db
    if getattr(migrate_and_create, "uses_template", False):
        return

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        if not self.is_in_memory_db(self._get_test_db_name()):
            return migrate_and_create(self, verbosity, autoclobber, serialize, keepdb)
        if not template.exists():
            name = migrate_and_create(self, verbosity, autoclobber, serialize, keepdb)
            partial = template.with_suffix(".partial")
            copy = sqlite3.connect(partial)
            self.connection.connection.backup(copy)
            copy.close()
            os.replace(partial, template)
            return name
        name = self._get_test_db_name()
        self.connection.close()
        settings.DATABASES[self.connection.alias]["NAME"] = name
        self.connection.settings_dict["NAME"] = name
        self.connection.ensure_connection()
        source = sqlite3.connect(template)
        source.backup(self.connection.connection)
        source.close()
        if serialize:
            self.connection._test_serialized_contents = self.serialize_db_to_string()
        return name

    create_test_db.uses_template = True
    DatabaseCreation.create_test_db = create_test_db
