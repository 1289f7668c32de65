"""django-allauth glue: e-mails in the user's language, where sign-in lands, staff never sign up, ROeID claims mapped
from settings."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.utils import translation

from . import navigation
from .identifiers import is_valid_cnp


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request):
        """Staff land on their work (registered by the apps in `portal.navigation`), citizens on their account."""
        return navigation.landing_url_for(request.user) or super().get_login_redirect_url(request)

    def save_user(self, request, user, form, commit=True):
        if request is not None:
            language = translation.get_language_from_request(request)
            if language in dict(settings.LANGUAGES):
                user.preferred_language = language
        return super().save_user(request, user, form, commit=commit)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        claim = settings.ROEID_CNP_CLAIM
        if claim and sociallogin.account.provider == "roeid":
            cnp = str(
                sociallogin.account.extra_data.get("userinfo", {}).get(claim, "")
                or sociallogin.account.extra_data.get(claim, "")
            )
            if is_valid_cnp(cnp):
                user.cnp = cnp
        return user
