import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("followup", "0003_contributionitem_initiative"),
        ("reports", "0003_foreword_as_section"),
    ]

    operations = [
        migrations.CreateModel(
            name="AreaHeading",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("heading", models.CharField(max_length=300, verbose_name="underrubrik")),
                ("source_line", models.PositiveIntegerField(blank=True, null=True)),
                ("contribution", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="report_heading", to="followup.contribution")),
            ],
            options={"verbose_name": "områdets underrubrik", "verbose_name_plural": "områdenas underrubriker"},
        ),
    ]
