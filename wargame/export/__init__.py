"""The whole debrief as text: the words shared by the debrief screen and its exports.

:mod:`wargame.export.text` phrases each line of the debrief (axes, stars,
times, mitigation) once, so the screen, the Markdown page and the HTML page
say the same thing; :mod:`wargame.export.page` renders the whole debrief as
Markdown or as one self-contained HTML page.
"""
