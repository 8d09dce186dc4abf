from django.conf import settings


def service(request):
    """Values every page of the shell needs: the service name and navigation."""
    path = request.path
    navigation = [
        ("Home", "/", path == "/"),
        ("Solutions", "/solutions/", path.startswith("/solutions/")),
        ("Case studies", "/case-studies/", path.startswith("/case-studies/")),
        ("Co-funding", "/campaigns/", path.startswith("/campaigns/")),
        ("Organisations", "/organisations/", path.startswith("/organisations/")),
        ("API", "/api/v1/docs/", path.startswith("/api/")),
    ]
    return {
        "service_name": settings.WAGTAIL_SITE_NAME,
        "service_navigation": navigation,
    }
