"""Question pages that end on "check your answers": the answers kept between pages.

A journey (pledging for one council, proposing for one council) keeps each page's answers
in the session as the raw submitted values, and binds them to the page's form again on
the check page, so a change to a form's rules applies to answers given earlier too.
Nothing is saved to the database until the person confirms on the check page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.utils.datastructures import MultiValueDict


@dataclass(frozen=True)
class Question:
    """One question page: its address, heading and form."""

    slug: str
    heading: str
    form_class: type[forms.Form]
    #: Short name of each answer on the check page.
    labels: tuple[tuple[str, str], ...] = ()


class Answers:
    """One journey's answers in the session, keyed by page."""

    def __init__(self, request, key: str):
        self.session = request.session
        self.key = key

    def replace(self, stored: dict[str, dict[str, list[str]]]) -> None:
        """Start from these answers (a draft's, to change it)."""
        self.session[self.key] = stored

    def _stored(self) -> dict:
        return self.session.get(self.key, {})

    def has(self, slug: str) -> bool:
        return slug in self._stored()

    def data(self, slug: str) -> MultiValueDict | None:
        stored = self._stored().get(slug)
        return MultiValueDict(stored) if stored is not None else None

    def put(self, slug: str, form: forms.Form, post) -> None:
        """Keep the values the page's form posted (every value of a multi-value field)."""
        stored = dict(self._stored())
        stored[slug] = {
            name: post.getlist(form.add_prefix(name)) for name in form.fields if name in post
        }
        self.session[self.key] = stored

    def clear(self) -> None:
        self.session.pop(self.key, None)


def first_unanswered(questions: Sequence[Question], answers: Answers) -> Question | None:
    for question in questions:
        if not answers.has(question.slug):
            return question
    return None


def neighbours(questions: Sequence[Question], slug: str) -> tuple[Question | None, Question | None]:
    slugs = [question.slug for question in questions]
    index = slugs.index(slug)
    previous = questions[index - 1] if index > 0 else None
    following = questions[index + 1] if index + 1 < len(questions) else None
    return previous, following


def question_for(questions: Sequence[Question], slug: str) -> Question | None:
    return next((question for question in questions if question.slug == slug), None)
