"""A recorded ModernGov site (Kent County Council) served on 127.0.0.1, with fault injection.

Test and demo infrastructure: ``build_kent`` turns the real papers in ``data/kent`` into web-service answers in
the exact schema of the real Manchester fixtures; ``server`` serves them; ``testing`` runs it in a test.
"""
