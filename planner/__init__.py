"""Handover Planner: plan who keeps an AI system running after the pilot."""

__version__ = "0.1.0"
APP_NAME = "Handover Planner"
