"""The foreword becomes one of the edition's own texts (``ReportSection`` with code
``forord`` and a signature), so that it has revisions and is edited like the others."""

from django.db import migrations, models


def foreword_to_section(apps, schema_editor):
    Front = apps.get_model("reports", "ReportFrontMatter")
    Section = apps.get_model("reports", "ReportSection")
    Revision = apps.get_model("reports", "ReportSectionRevision")
    for front in Front.objects.all():
        if not front.foreword.strip() or Section.objects.filter(cycle_id=front.cycle_id, code="forord").exists():
            continue
        section = Section.objects.create(cycle_id=front.cycle_id, code="forord", title="Förord", level=1, body=front.foreword,
                                         signature=front.signature, order=0, revision=1)
        Revision.objects.create(section=section, number=1, title=section.title, body=section.body, signature=section.signature,
                                note="Flyttad från rapportens förord")


def section_to_foreword(apps, schema_editor):
    Front = apps.get_model("reports", "ReportFrontMatter")
    Section = apps.get_model("reports", "ReportSection")
    for section in Section.objects.filter(code="forord"):
        Front.objects.update_or_create(cycle_id=section.cycle_id, defaults={"foreword": section.body, "signature": section.signature})
        section.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0002_report_sections"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportsection",
            name="signature",
            field=models.CharField(blank=True, help_text="Bara förordet.", max_length=300, verbose_name="undertecknat av"),
        ),
        migrations.AddField(
            model_name="reportsectionrevision",
            name="signature",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.RunPython(foreword_to_section, section_to_foreword),
        migrations.DeleteModel(name="ReportFrontMatter"),
    ]
