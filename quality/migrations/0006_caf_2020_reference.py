"""The CAF 2020 reference model: 9 criteria and 28 sub-criteria with their examples, in ro, hu and en.

The texts are read from `quality.caf_reference` when it runs (`quality.caf_loading`); a later edition is a new
CafModel loaded by its own migration, and exercises keep the edition they were made with."""

from django.db import migrations


def load(apps, schema_editor):
    from quality.caf_loading import load_reference

    load_reference(
        apps.get_model("quality", "CafModel"),
        apps.get_model("quality", "CafCriterion"),
        apps.get_model("quality", "CafSubcriterion"),
    )


def unload(apps, schema_editor):
    CafModel = apps.get_model("quality", "CafModel")
    CafSubcriterion = apps.get_model("quality", "CafSubcriterion")
    CafCriterion = apps.get_model("quality", "CafCriterion")
    CafSubcriterion.objects.filter(criterion__model__edition="CAF 2020").delete()
    CafCriterion.objects.filter(model__edition="CAF 2020").delete()
    CafModel.objects.filter(edition="CAF 2020").delete()


class Migration(migrations.Migration):
    dependencies = [("quality", "0005_caf_self_assessment")]
    operations = [migrations.RunPython(load, unload)]
