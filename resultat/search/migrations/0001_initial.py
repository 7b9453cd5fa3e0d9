from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("source", models.CharField(max_length=40)),
                ("source_id", models.PositiveIntegerField()),
                ("key", models.CharField(max_length=120, unique=True)),
                ("kind", models.CharField(max_length=40, verbose_name="typ")),
                ("subkind", models.CharField(blank=True, max_length=40)),
                ("title", models.CharField(max_length=500, verbose_name="rubrik")),
                ("context", models.CharField(blank=True, max_length=500)),
                ("text", models.TextField(blank=True, verbose_name="text")),
                ("shadow", models.TextField(blank=True)),
                ("url", models.CharField(blank=True, max_length=500)),
                ("staff_url", models.CharField(blank=True, max_length=500)),
                ("year", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("priorities", models.CharField(blank=True, max_length=300)),
                ("subpriorities", models.CharField(blank=True, max_length=500)),
                ("areas", models.CharField(blank=True, max_length=1000)),
                ("question", models.CharField(blank=True, max_length=40)),
                ("sdg_goals", models.CharField(blank=True, max_length=100)),
                ("municipalities", models.CharField(blank=True, max_length=300)),
                ("visibility", models.CharField(choices=[("published", "publicerad"), ("draft", "ej publicerad")], default="published", max_length=16)),
                ("cycle_id", models.PositiveIntegerField(blank=True, null=True)),
                ("area_id", models.PositiveIntegerField(blank=True, null=True)),
                ("order", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name": "sökdokument",
                "verbose_name_plural": "sökdokument",
                "ordering": ["order", "id"],
                "indexes": [
                    models.Index(fields=["source", "source_id"], name="search_sear_source_f33e13_idx"),
                    models.Index(fields=["kind"], name="search_sear_kind_7bf07a_idx"),
                    models.Index(fields=["year"], name="search_sear_year_a763dd_idx"),
                ],
            },
        ),
    ]
