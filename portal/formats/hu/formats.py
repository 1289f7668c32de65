"""Hungarian dates as Hungarian-speaking administrations in Romania write them (GLOSSARY.md): 2026. 11. 23."""

DATE_FORMAT = "Y. F j."
SHORT_DATE_FORMAT = "Y. m. d."
DATETIME_FORMAT = "Y. F j. H:i"
SHORT_DATETIME_FORMAT = "Y. m. d. H:i"
DATE_INPUT_FORMATS = ["%Y. %m. %d.", "%Y.%m.%d.", "%Y-%m-%d"]
