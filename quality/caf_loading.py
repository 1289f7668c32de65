"""Loads the CAF reference model (`quality.caf_reference`) into the database: by the data migration, and again after
every migrate (a post_migrate receiver), so a database whose tables were emptied (the test runner's flush) has it."""


def load_reference(CafModel, CafCriterion, CafSubcriterion):
    """Create or update the edition's criteria and sub-criteria; takes the model classes (the migration's historical
    ones, or the real ones)."""
    from . import caf_reference as ref

    model, _created = CafModel.objects.get_or_create(edition=ref.EDITION)
    if CafSubcriterion.objects.filter(criterion__model=model).count() == sum(
        len(c["subcriteria"]) for c in ref.CRITERIA
    ):
        return model
    position = 0
    for criterion in ref.CRITERIA:
        title = criterion["title"]
        row, _created = CafCriterion.objects.update_or_create(
            model=model,
            number=criterion["number"],
            defaults={
                "kind": criterion["kind"],
                "title": title["ro"],
                "title_hu": title["hu"],
                "title_en": title["en"],
            },
        )
        for sub in criterion["subcriteria"]:
            position += 1
            examples = sub["examples"]
            CafSubcriterion.objects.update_or_create(
                criterion=row,
                code=sub["code"],
                defaults={
                    "position": position,
                    "title": sub["title"]["ro"],
                    "title_hu": sub["title"]["hu"],
                    "title_en": sub["title"]["en"],
                    "examples": "\n".join(examples["ro"]),
                    "examples_hu": "\n".join(examples["hu"]),
                    "examples_en": "\n".join(examples["en"]),
                },
            )
    return model


def ensure_reference(**kwargs):
    """post_migrate receiver."""
    from .models import CafCriterion, CafModel, CafSubcriterion

    return load_reference(CafModel, CafCriterion, CafSubcriterion)
