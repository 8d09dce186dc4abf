"""Database constraints shared by every app's models."""

from django.db import models
from django.db.models import Q


def valid_choice_constraint(
    *, field: str, choices: type[models.Choices], name: str, blank: bool = False
) -> models.CheckConstraint:
    """Refuse, in the database, any value the field's choices do not list.

    Built from the choices class, so a new choice cannot be forgotten in the constraint.
    ``blank`` also allows "" (a value not known yet).
    """
    values = [*choices.values, ""] if blank else choices.values
    return models.CheckConstraint(name=name, condition=Q(**{f"{field}__in": values}))
