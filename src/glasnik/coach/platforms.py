"""The social networks posts are planned for, defined once: what the content calendar offers,
what the post coach measures against, what the cards are sized for."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Platform(models.TextChoices):
    # Product names: never translated, never transliterated.
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X"
    LINKEDIN = "linkedin", "LinkedIn"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    THREADS = "threads", "Threads"
    BLUESKY = "bluesky", "Bluesky"
    WEBSITE = "website", _("Website")


# The longest text each platform accepts in a post (for YouTube: a video's description).
TEXT_LIMITS: dict[str, int] = {
    Platform.FACEBOOK: 63206,
    Platform.INSTAGRAM: 2200,
    Platform.X: 280,
    Platform.LINKEDIN: 3000,
    Platform.YOUTUBE: 5000,
    Platform.TIKTOK: 2200,
    Platform.THREADS: 500,
    Platform.BLUESKY: 300,
    Platform.WEBSITE: 100000,
}

# Beyond this many characters the text is cut behind a "more" link in the feed.
VISIBLE_BEFORE_MORE: dict[str, int] = {
    Platform.FACEBOOK: 480,
    Platform.INSTAGRAM: 125,
    Platform.LINKEDIN: 210,
}
