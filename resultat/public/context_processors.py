from django.conf import settings


def site(request):
    return {"site_name": "Resultat", "dev_mode": settings.DEV}
