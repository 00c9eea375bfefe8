"""Packaging glue that pyproject.toml cannot express: resources/ ships as package data.

The fonts, templates, schema, icons and docs stay in the top-level ``resources/`` folder
(the guide and the clone's users read them there); in a wheel or an sdist install they
become the package ``planner._resources``, where ``planner.resources`` finds them.
"""

from setuptools import find_namespace_packages, setup

setup(
    # Namespace find: planner/store/migrations/versions has no __init__.py (Alembic's).
    packages=[*find_namespace_packages(include=["planner", "planner.*"]), "planner._resources"],
    package_dir={"planner._resources": "resources"},
)
