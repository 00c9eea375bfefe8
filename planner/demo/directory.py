"""The demo organisation's people and teams, and how systems pick their people."""

from __future__ import annotations

from planner.demo.builder import Builder

TEAMS = (
    ("Service Desk", "First-line support for all business applications"),
    ("Data Platform", "Pipelines, warehouse and data quality"),
    ("ML Engineering", "Builds, deploys and retrains models"),
    ("IT Operations", "Runs production infrastructure around the clock"),
    ("Information Security", "Access, security reviews and incidents"),
    ("Risk & Compliance", "Model risk, privacy and regulatory affairs"),
    ("Claims Operations", "Claims handling and review"),
    ("Customer Care", "Customer contact centre"),
    ("Lumen AI (vendor)", "Supplier of the hosted language model"),
)

GIVEN = (
    "Amelia",
    "Oliver",
    "Priya",
    "Kwame",
    "Sofia",
    "Lukas",
    "Zoë",
    "Mateo",
    "Ingrid",
    "Tomás",
    "Aisha",
    "Noah",
    "Chloé",
    "Mikael",
    "Fatima",
    "Hannah",
    "Rafael",
    "Yuki",
    "Leila",
    "Jonas",
)
FAMILY = (
    "Okafor",
    "Lindqvist",
    "Raghunathan",
    "Mensah",
    "Rossi",
    "Becker",
    "O'Brien",
    "García",
    "Haugen",
    "Novák",
    "Rahman",
    "Walsh",
    "Dubois",
    "Virtanen",
    "Haddad",
    "Schmidt",
)
# Names in other scripts, so every screen and the PDF pack show they render correctly.
WORLD_NAMES = (
    "Дмитрий Волков",
    "王芳",
    "佐藤 美咲",
    "محمد العلي",
    "יעל כהן",
    "Σοφία Παπαδοπούλου",
    "김민준",
    "Ольга Смирнова",
    "李伟",
    "Nguyễn Thị Mai",
)
TITLES = (
    "Service owner",
    "Support analyst",
    "Data engineer",
    "ML engineer",
    "Operations manager",
    "Security analyst",
    "Product owner",
    "Data steward",
    "Risk officer",
    "Team lead",
)
TIMEZONES = (
    "Europe/London",
    "Europe/Stockholm",
    "Europe/Berlin",
    "Europe/Madrid",
    "Asia/Singapore",
    "America/New_York",
)


class Directory:
    """The organisation's people and teams, and how to pick among them."""

    def __init__(self, builder: Builder, people: int) -> None:
        self.builder = builder
        rng = builder.rng
        self.teams = [
            builder.add(
                "teams",
                name=name,
                description=about,
                email=f"{name.split()[0].lower()}@meridian.example",
                # The desk number an on-call card prints for the team (drama-reserved range).
                phone=f"+44 20 7946 099{number}",
            )
            for number, (name, about) in enumerate(TEAMS)
        ]
        extra_teams = max(0, people // 40 - len(TEAMS))
        for index in range(extra_teams):
            self.teams.append(builder.add("teams", name=f"Regional Operations {index + 1}"))
        self.people: list[str] = []
        self.team_of: dict[str, str] = {}
        self.inactive: list[str] = []
        for index in range(people):
            if index < len(WORLD_NAMES):
                name = WORLD_NAMES[index]
            else:
                name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
            team = self.teams[index % len(self.teams)]
            active = index % 41 != 40
            person = builder.add(
                "people",
                name=name,
                title=TITLES[index % len(TITLES)],
                team_id=team,
                email=f"person{index + 1}@meridian.example",
                phone=f"+44 20 7946 {index % 10000:04d}",
                timezone=TIMEZONES[index % len(TIMEZONES)],
                active=active,
                deputy_id=None,
            )
            self.people.append(person)
            self.team_of[person] = team
            if not active:
                self.inactive.append(person)
        self.active = [p for p in self.people if p not in set(self.inactive)]
        # Everyone active has a deputy: the next active person (a ring, so no one deputises
        # for themselves).
        records = {r["id"]: r for r in builder.sections["people"]}
        for position, person in enumerate(self.active):
            records[person]["deputy_id"] = self.active[(position + 1) % len(self.active)]
        self.cursor = 0

    def cast(self, count: int) -> list[str]:
        """``count`` distinct active people, walking the directory so load spreads evenly."""
        chosen = [self.active[(self.cursor + i) % len(self.active)] for i in range(count)]
        self.cursor = (self.cursor + count) % len(self.active)
        return chosen
