"""Adoptions and savings evidence from people rather than the admin.

* A council's approved members record that their council uses a solution (confirmed at
  once), confirm adoptions others reported and attest evidence.
* Anyone signed in reports an adoption or a saving; it shows as *reported* until the
  council confirms or attests it.

Every page here needs a signed-in user, so the public solution page only links to them
and never needs a form (or a CSRF cookie) for visitors. The forms work without
JavaScript; who may do what is decided by ``listings.adoptions.services``, which raises
``PermissionDenied`` (a 403) for anyone else.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from listings.adoptions import services
from listings.adoptions.forms import (
    AdoptionAddForm,
    AdoptionReportForm,
    EvidenceForm,
    member_councils,
)
from listings.filters import live_solution_or_404
from listings.models import Adoption, SavingsEvidence
from listings.permissions import user_can_attest_evidence_for


def _on_live_solution(adoption: Adoption) -> Adoption:
    """The adoption, with its solution, if that solution is live and public (else a 404)."""
    adoption.solution = live_solution_or_404(adoption.solution_id)
    return adoption


def _adoption(pk: int) -> Adoption:
    return _on_live_solution(get_object_or_404(Adoption.objects.select_related("council"), pk=pk))


def _add_service_errors(form: Form, error: ValidationError, renames: dict | None = None):
    """Show the services' validation errors on the form's fields (or above it)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        name = (renames or {}).get(field, field)
        form.add_error(name if name in form.fields else None, errors)


def _data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


# Adoptions -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def adoption_add(request: HttpRequest, page_id: int) -> HttpResponse:
    """A council member records that their own council uses the solution."""
    solution = live_solution_or_404(page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    councils = member_councils(request.user)
    if not councils:
        return render(
            request, "listings/adoptions/not_a_member.html", {"solution": solution}, status=403
        )
    form = AdoptionAddForm(_data(request), councils=councils)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.adoption_add_for_own_council(
                user=request.user,
                solution=solution,
                council=data["council"],
                status=data["status"],
                since=data["since"],
                contact=data["contact"],
                notes=data["notes"],
            )
        except ValidationError as error:
            _add_service_errors(form, error, {"since": "since_month"})
        else:
            messages.success(
                request,
                f"{data['council'].name} is listed as using {solution.title}, "
                "confirmed by the council.",
            )
            return redirect(f"{solution.url}#adopters")
    return render(
        request, "listings/adoptions/adoption_add.html", {"form": form, "solution": solution}
    )


@require_http_methods(["GET", "POST"])
def adoption_report(request: HttpRequest, page_id: int) -> HttpResponse:
    """Anyone signed in reports a council that uses the solution."""
    solution = live_solution_or_404(page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = AdoptionReportForm(_data(request))
    if request.method == "POST" and form.is_valid():
        council = form.cleaned_data["council"]
        try:
            adoption = services.adoption_report(
                user=request.user,
                solution=solution,
                council=council,
                status=form.cleaned_data["status"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            if adoption.confirmed:
                messages.info(
                    request,
                    f"{council.name} has already confirmed that it uses {solution.title}, "
                    "so your report did not change it.",
                )
            else:
                messages.success(
                    request,
                    f"Thank you. {council.name} is listed as using {solution.title}, "
                    "reported until the council confirms it.",
                )
            return redirect(f"{solution.url}#adopters")
    return render(
        request, "listings/adoptions/adoption_report.html", {"form": form, "solution": solution}
    )


@require_POST
def adoption_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """A member of the adopting council confirms a reported adoption."""
    adoption = _adoption(pk)
    solution = adoption.solution
    if not request.user.is_authenticated:
        return redirect_to_login(solution.url)
    services.adoption_confirm(user=request.user, adoption=adoption)
    messages.success(request, f"You confirmed that {adoption.council.name} uses {solution.title}.")
    return redirect(f"{solution.url}#adopters")


# Evidence --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    """One form: the council's members attest the saving, anyone else reports it."""
    adoption = _adoption(pk)
    solution = adoption.solution
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    attests = user_can_attest_evidence_for(user=request.user, council=adoption.council)
    form = EvidenceForm(_data(request), adoption=adoption)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.EVIDENCE_FIELDS}
        add = services.evidence_add_attested if attests else services.evidence_report
        try:
            add(user=request.user, adoption=adoption, **fields)
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            how = "attested by the council" if attests else "reported until the council attests it"
            messages.success(
                request, f"Thank you. Your evidence for {adoption.council.name} is listed, {how}."
            )
            return redirect(f"{solution.url}#savings")
    return render(
        request,
        "listings/adoptions/evidence_add.html",
        {"form": form, "adoption": adoption, "solution": solution, "attests": attests},
    )


@require_POST
def evidence_attest(request: HttpRequest, pk: int) -> HttpResponse:
    """A member of the adopting council attests a saving someone else reported."""
    record = get_object_or_404(SavingsEvidence.objects.select_related("adoption__council"), pk=pk)
    adoption = _on_live_solution(record.adoption)
    solution = adoption.solution
    if not request.user.is_authenticated:
        return redirect_to_login(solution.url)
    services.evidence_attest(user=request.user, evidence=record)
    messages.success(request, f"You attested this evidence for {adoption.council.name}.")
    return redirect(f"{solution.url}#savings")
