"""The CAF 2020 reference model is in the database after migrate, and comes back after its tables are emptied."""

from django.db.models.signals import post_migrate

from quality import caf_reference
from quality.models import CafCriterion, CafModel, CafSubcriterion


def test_the_migrated_database_holds_the_nine_criteria_and_twenty_eight_subcriteria_in_three_languages(db):
    model = CafModel.objects.get(edition=caf_reference.EDITION)
    assert model.criteria.count() == 9
    subcriteria = CafSubcriterion.objects.filter(criterion__model=model)
    assert [s.code for s in subcriteria] == [s["code"] for _c, s in caf_reference.subcriteria()]
    empathy = subcriteria.get(code="6.1")
    assert empathy.title and empathy.title_hu and empathy.title_en
    assert len(empathy.example_lines) == len(caf_reference.CRITERIA[5]["subcriteria"][0]["examples"]["ro"])


def test_the_reference_model_comes_back_after_migrate_on_an_emptied_database(db):
    CafSubcriterion.objects.all().delete()
    CafCriterion.objects.all().delete()
    CafModel.objects.all().delete()

    from django.apps import apps

    post_migrate.send(sender=apps.get_app_config("quality"), app_config=apps.get_app_config("quality"))

    assert CafSubcriterion.objects.filter(criterion__model__edition=caf_reference.EDITION).count() == 28
