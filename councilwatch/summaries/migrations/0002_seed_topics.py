"""Seed the topic taxonomy (the names and descriptions in councilwatch/summaries/topic_rules.py at the time)."""

from django.db import migrations

TOPICS = [
    ("planning", "Planning", "Planning applications, local plans and development."),
    ("housing", "Housing", "Council homes, homelessness and housing supply."),
    ("transport-highways", "Transport and highways", "Roads, buses, rail, parking."),
    ("childrens-services", "Children's services", "Social care and support for children and families."),
    ("adult-social-care", "Adult social care", "Care and support for adults."),
    ("education-send", "Education and SEND", "Schools, places, special educational needs."),
    ("public-health", "Public health", "Health improvement, smoking, wellbeing and the NHS."),
    ("environment-climate", "Environment and climate", "Climate change, nature, flooding and pollution."),
    ("waste", "Waste and recycling", "Bins, recycling and waste sites."),
    ("budget-finance", "Budget and finance", "Budgets, council tax, savings and reserves."),
    ("procurement", "Procurement and contracts", "Buying goods and services, contracts."),
    ("licensing", "Licensing", "Alcohol, taxi, gambling and premises licences."),
    ("community-safety", "Community safety", "Crime, anti-social behaviour, trading standards."),
    ("regeneration-economy", "Regeneration and economy", "Jobs, business, skills and growth."),
    ("culture-leisure", "Culture and leisure", "Libraries, parks, sport, arts and heritage."),
    ("governance-scrutiny", "Governance and scrutiny", "Constitution, scrutiny, elections, standards."),
    ("workforce", "Council workforce", "Staff, pay and organisation of the council."),
    ("digital-technology", "Digital and technology", "IT systems, data and digital services."),
    ("equalities-communities", "Equalities and communities", "Equality, inclusion and the voluntary sector."),
    ("property-assets", "Property and assets", "Council land and buildings."),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("summaries", "Topic")
    for slug, name, description in TOPICS:
        Topic.objects.update_or_create(slug=slug, defaults={"name": name, "description": description})


def unseed(apps, schema_editor):
    apps.get_model("summaries", "Topic").objects.filter(slug__in=[t[0] for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("summaries", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
