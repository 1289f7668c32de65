"""Django's own msgids that our catalogue translates again, so our wording wins (LOCALE_PATHS come first).

Django's Romanian catalogue writes file sizes with a t-cedilla (U+0163); Romanian is written with a comma below
("octeți", U+021B), as everywhere else on the portal; its password hints say "parola sa fie" for "parola să fie" and
"Acestă parolă". Django looks these msgids up in the one "django" domain, where our catalogue takes precedence.
Never imported: makemessages reads this file, nothing else needs to.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

FILE_SIZES = (
    ngettext_lazy("%(size)d byte", "%(size)d bytes", "size"),
    gettext_noop("%s KB"),
    gettext_noop("%s MB"),
    gettext_noop("%s GB"),
)

# The password validators' hints and errors on the sign-up and password pages (AUTH_PASSWORD_VALIDATORS).
PASSWORD_HINTS = (
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
)
