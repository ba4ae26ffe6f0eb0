"""The response of a stored file, for views that have already checked access to it.

Every download says X-Content-Type-Options: nosniff, so a browser never treats an
uploaded file as a page or a script whatever its bytes look like.
"""

from typing import Any

from django.http import FileResponse


def file_download(
    file: Any, *, filename: str, content_type: str, as_attachment: bool = True
) -> FileResponse:
    """`file` (an open binary file) as a download, or shown inline with as_attachment=False."""
    response = FileResponse(
        file, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
