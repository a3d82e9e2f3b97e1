"""The game's screens: picker, briefing, console, debrief, and the modals they open."""
