"""Load: a source (file path or http(s) URL) into decoded text with its media type.

:mod:`.source` dispatches by what the source is; :mod:`.fetch` downloads with
limits and progress; :mod:`.sniff` tells the media type from the bytes;
:mod:`.charset` decodes them; :mod:`.mhtml` unpacks saved web archives.
"""
