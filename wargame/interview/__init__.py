"""Interview preparation, headless: quizzes from the chapter (and, later, design contracts).

Nothing here imports Textual; the quiz screen in ``wargame.tui`` and the
``wargame quiz`` command both use :mod:`wargame.interview.quiz`.
"""
