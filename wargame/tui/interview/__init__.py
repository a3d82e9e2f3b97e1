"""The interview screens: design the consistency contract, live through it, the sheet.

``wargame interview SCENARIO`` (or ``i`` in the picker) opens the briefing in
design mode, then :class:`~wargame.tui.interview.design.DesignScreen` (feature
by feature: policy, resolution, the knobs that matter, the reason, a free-text
justification), a summary, and the incident run on that design with the
ordinary console; the debrief adds the design comparison and the L5/L6
signals. ``wargame interview SCENARIO --interviewer`` opens the interviewer's
sheet (:mod:`wargame.tui.interview.sheet`), which follows the candidate's
in-progress contract through a live file (:mod:`wargame.interview.live`).
"""
