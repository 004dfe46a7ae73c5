"""Many real-looking variants per platform: the same post gives one key; different posts do not."""

from __future__ import annotations

import pytest

from graph.errors import InvalidValue
from graph.values.url import ContentUrl, UrlKind

SAME_POST = {
    "x:post:1796512345678901234": [
        "https://x.com/jsmith88/status/1796512345678901234",
        "https://twitter.com/JSmith88/status/1796512345678901234",
        "http://twitter.com/jsmith88/status/1796512345678901234/",
        "https://mobile.twitter.com/jsmith88/status/1796512345678901234?s=20",
        "https://www.twitter.com/jsmith88/status/1796512345678901234?s=46&t=Xyz_abc",
        "twitter.com/jsmith88/status/1796512345678901234/photo/1",
        "x.com/jsmith88/status/1796512345678901234/video/1",
        "https://x.com/i/web/status/1796512345678901234",
        "https://twitter.com/i/status/1796512345678901234",
        "https://twitter.com/statuses/1796512345678901234",
        "https://x.com/jsmith88/status/1796512345678901234#reply",
        "  https://X.COM/jsmith88/status/1796512345678901234  ",
        "https://fxtwitter.com/jsmith88/status/1796512345678901234",
        "https://vxtwitter.com/jsmith88/status/1796512345678901234",
        "https://x.com/jsmith88/statuses/1796512345678901234",
    ],
    "instagram:post:C7abcDEFghi": [
        "https://www.instagram.com/p/C7abcDEFghi/",
        "https://instagram.com/p/C7abcDEFghi?igsh=MXh2dGx0",
        "https://www.instagram.com/p/C7abcDEFghi/?utm_source=ig_web_copy_link&igshid=abc",
        "instagram.com/j.smith.88/p/C7abcDEFghi/",
        "https://www.instagram.com/reel/C7abcDEFghi/",
        "https://www.instagram.com/reels/C7abcDEFghi/",
        "https://instagr.am/p/C7abcDEFghi",
        "http://instagram.com/tv/C7abcDEFghi",
    ],
    "tiktok:post:7368512345678901234": [
        "https://www.tiktok.com/@user.name/video/7368512345678901234",
        "https://www.tiktok.com/@User.Name/video/7368512345678901234?is_from_webapp=1&sender_device=pc",
        "https://m.tiktok.com/v/7368512345678901234.html",
        "tiktok.com/@user.name/video/7368512345678901234/",
        "https://www.tiktok.com/@user.name/photo/7368512345678901234",
    ],
    "youtube:post:dQw4w9WgXcQ": [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
        "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ?si=AbCdEf123",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/live/dQw4w9WgXcQ?feature=shared",
        "youtube.com/watch?v=dQw4w9WgXcQ&list=PL123&index=2",
    ],
    "facebook:post:pfbid02abcDEF": [
        "https://www.facebook.com/permalink.php?story_fbid=pfbid02abcDEF&id=100012345",
        "https://m.facebook.com/story.php?story_fbid=pfbid02abcDEF&id=100012345&mibextid=abc",
        "https://facebook.com/jsmith/posts/pfbid02abcDEF",
        "https://web.facebook.com/jsmith/posts/pfbid02abcDEF?__cft__=xyz",
        "https://www.facebook.com/jsmith/posts/pfbid02abcDEF/?fbclid=IwAR0",
    ],
    "reddit:post:abc123": [
        "https://www.reddit.com/r/unitedkingdom/comments/abc123/some_title/",
        "https://old.reddit.com/r/unitedkingdom/comments/abc123/some_title/?utm_source=share",
        "https://np.reddit.com/r/unitedkingdom/comments/abc123",
        "https://redd.it/abc123",
        "reddit.com/comments/abc123",
    ],
    "telegram:post:hatechannel/456": [
        "https://t.me/hatechannel/456",
        "https://t.me/s/hatechannel/456",
        "https://telegram.me/HateChannel/456?single",
    ],
    "threads:post:C8xyzABC": [
        "https://www.threads.net/@jsmith/post/C8xyzABC",
        "https://threads.com/@JSmith/post/C8xyzABC?xmt=AQGz",
    ],
    "bluesky:post:jsmith.bsky.social/3kabc123": [
        "https://bsky.app/profile/jsmith.bsky.social/post/3kabc123",
        "https://bsky.app/profile/JSmith.bsky.social/post/3kabc123/",
    ],
    "discord:post:111/222/333": ["https://discord.com/channels/111/222/333"],
    "twitch:post:clip:FunnyClipSlug": [
        "https://clips.twitch.tv/FunnyClipSlug",
        "https://www.twitch.tv/streamer/clip/FunnyClipSlug?filter=clips",
    ],
}


@pytest.mark.parametrize(("key", "url"), [(k, u) for k, urls in SAME_POST.items() for u in urls])
def test_every_variant_gives_the_post_key(key: str, url: str) -> None:
    parsed = ContentUrl.clean(url)
    assert parsed.kind is UrlKind.POST
    assert parsed.key == key


def test_canonical_form_is_shared_by_variants() -> None:
    canon = {ContentUrl.clean(u).canonical for u in SAME_POST["youtube:post:dQw4w9WgXcQ"]}
    assert canon == {"https://youtube.com/watch?v=dQw4w9WgXcQ"}


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://x.com/JSmith88", "x:account:jsmith88"),
        ("twitter.com/jsmith88/", "x:account:jsmith88"),
        ("https://twitter.com/jsmith88/with_replies", "x:account:jsmith88"),
        ("https://twitter.com/intent/user?screen_name=JSmith88", "x:account:jsmith88"),
        ("https://www.instagram.com/j.smith.88/", "instagram:account:j.smith.88"),
        ("https://www.tiktok.com/@johnsmith88?lang=en", "tiktok:account:johnsmith88"),
        ("https://www.youtube.com/@HateChannel", "youtube:account:hatechannel"),
        ("https://www.youtube.com/channel/UCabcDEF123", "youtube:account-id:UCabcDEF123"),
        ("https://www.facebook.com/profile.php?id=100012345", "facebook:account-id:100012345"),
        ("https://www.facebook.com/john.smith.9", "facebook:account:john.smith.9"),
        ("https://www.reddit.com/user/Troll_99/", "reddit:account:troll_99"),
        ("https://reddit.com/u/Troll_99", "reddit:account:troll_99"),
        ("https://t.me/hatechannel", "telegram:account:hatechannel"),
        ("https://bsky.app/profile/jsmith.bsky.social", "bluesky:account:jsmith.bsky.social"),
        ("https://www.threads.net/@jsmith", "threads:account:jsmith"),
        ("https://www.snapchat.com/add/jsmith", "snapchat:account:jsmith"),
        ("https://www.twitch.tv/streamer", "twitch:account:streamer"),
    ],
)
def test_profile_urls_are_accounts_not_posts(url: str, key: str) -> None:
    parsed = ContentUrl.clean(url)
    assert parsed.kind is UrlKind.ACCOUNT
    assert parsed.key == key


@pytest.mark.parametrize(
    "url",
    [
        "https://t.co/AbC123xyz",
        "https://bit.ly/3xYzAbc",
        "https://vm.tiktok.com/ZMabc123/",
        "https://vt.tiktok.com/ZSabc123/",
        "https://www.facebook.com/share/p/1AbCdEf/",
        "https://fb.me/abc",
        "https://tinyurl.com/abc123",
        "https://www.reddit.com/r/uk/s/AbCdEf",
        "https://www.tiktok.com/t/ZTabc/",
    ],
)
def test_short_links_are_recognised_and_have_no_key(url: str) -> None:
    parsed = ContentUrl.clean(url)
    assert parsed.kind is UrlKind.SHORT_LINK
    assert parsed.key is None


def test_short_link_keeps_its_platform_when_the_shortener_is_the_platforms() -> None:
    assert ContentUrl.clean("https://t.co/AbC").platform == "x"
    assert ContentUrl.clean("https://bit.ly/AbC", platform_hint="instagram").platform == "instagram"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "https://x.com/a/status/1796512345678901234",
            "https://x.com/a/status/1796512345678901235",
        ),
        (
            "https://www.reddit.com/r/uk/comments/abc123/t/",
            "https://www.reddit.com/r/uk/comments/abc123/t/def456/",
        ),
        ("https://www.instagram.com/p/C7abcDEFghi/", "https://www.instagram.com/p/C7abcdefghi/"),
        ("https://x.com/jsmith88", "https://x.com/jsmith89"),
        ("https://t.me/chan/1", "https://t.me/chan/2"),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube.com/watch?v=dQw4w9WgXcR",
        ),
        ("https://www.facebook.com/watch/?v=123", "https://www.facebook.com/reel/123"),
    ],
)
def test_different_content_gets_different_keys(a: str, b: str) -> None:
    assert ContentUrl.clean(a).key != ContentUrl.clean(b).key


@pytest.mark.parametrize(
    "bad",
    [
        "javascript:alert(1)",
        "ftp://files.example.org/post",
        "mailto:someone@example.org",
        "not a url at all",
        "http://",
        "https://localhost/x",
        "data:text/html;base64,AAAA",
        "",
    ],
)
def test_non_http_urls_are_refused(bad: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        ContentUrl.clean(bad)
    assert caught.value.field == "url"


def test_unknown_sites_are_other_content_with_no_key() -> None:
    parsed = ContentUrl.clean("https://www.some-forum.co.uk/thread/123?page=2")
    assert (parsed.platform, parsed.kind, parsed.key) == ("other", UrlKind.OTHER, None)


def test_post_url_names_its_author() -> None:
    parsed = ContentUrl.clean("https://twitter.com/JSmith88/status/1796512345678901234")
    assert parsed.handle == "jsmith88"
    assert ContentUrl.clean("https://x.com/i/web/status/1796512345678901234").handle is None
