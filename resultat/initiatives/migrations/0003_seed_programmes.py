from django.db import migrations


def seed(apps, schema_editor):
    from resultat.initiatives.programmes import seed_programmes

    seed_programmes(apps.get_model("initiatives", "FundingSource"), apps.get_model("initiatives", "FundingProgramme"))


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0002_register")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
