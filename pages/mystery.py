"""A bit of mystery: what it is, ideas to try, and your own history with it."""

from ui import practice_view

practice_view.render("mystery")
