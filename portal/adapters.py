"""django-allauth glue: e-mails in the user's language, where sign-in and sign-out land, staff never sign up, ROeID
claims mapped from settings (see `portal.identity`)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.utils import build_absolute_uri
from django.conf import settings
from django.utils import translation

from . import identity, navigation


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request):
        """Staff land on their work (registered by the apps in `portal.navigation`), citizens on their account."""
        return navigation.landing_url_for(request.user) or super().get_login_redirect_url(request)

    def get_logout_redirect_url(self, request):
        """After the local sign-out, a person who signed in with ROeID goes on to ROeID's end_session_endpoint (when
        its discovery document has one), which sends them back to where the portal would have sent them. allauth's
        LogoutView asks for this URL before it ends the session that holds the ID token."""
        url = super().get_logout_redirect_url(request)
        return identity.end_session_url(request, post_logout_redirect_uri=build_absolute_uri(request, url)) or url

    def save_user(self, request, user, form, commit=True):
        if request is not None:
            language = translation.get_language_from_request(request)
            if language in dict(settings.LANGUAGES):
                user.preferred_language = language
        return super().save_user(request, user, form, commit=commit)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def get_requests_session(self):
        """allauth's server-side calls to providers; the token response's raw ID token is noted for sign-out."""
        session = super().get_requests_session()
        session.hooks["response"].append(identity.keep_id_token)
        return session

    def pre_social_login(self, request, sociallogin):
        super().pre_social_login(request, sociallogin)
        identity.carry_id_token(request, sociallogin)

    def populate_user(self, request, sociallogin, data):
        """A new account starts with the CNP of the configured claim; an existing one gets it at every ROeID sign-in
        (`portal.identity.roeid_signed_in`)."""
        user = super().populate_user(request, sociallogin, data)
        cnp = identity.claimed_cnp(sociallogin)
        if cnp:
            user.cnp = cnp
        return user
