"""Renderers own all output: diagnostics reports now; schedules, CSV, ICS, MSPDI and the site as they land."""
