"""Many real-looking variants per platform: the same post gives one key; different posts do not."""

from __future__ import annotations

import pytest

from graph.errors import InvalidValue
from graph.values.url import ContentUrl, UrlKind

TWEET = "1796512345678901234"
PFBID = "pfbid02kXcQbVJ1Y7sKp9zRr3hF4uD8mW6tNa5LqE2oG7iB1cS9vT3xZ"

SAME_POST: dict[str, list[str]] = {
    f"x:post:{TWEET}": [
        f"https://x.com/jsmith88/status/{TWEET}",
        f"https://twitter.com/JSmith88/status/{TWEET}",
        f"http://twitter.com/jsmith88/status/{TWEET}/",
        f"https://mobile.twitter.com/jsmith88/status/{TWEET}?s=20",
        f"https://mobile.x.com/jsmith88/status/{TWEET}",
        f"https://www.twitter.com/jsmith88/status/{TWEET}?s=46&t=Xyz_abc",
        f"twitter.com/jsmith88/status/{TWEET}/photo/1",
        f"x.com/jsmith88/status/{TWEET}/video/1",
        f"https://x.com/jsmith88/status/{TWEET}/analytics",
        f"https://x.com/i/web/status/{TWEET}",
        f"https://twitter.com/i/status/{TWEET}",
        f"https://twitter.com/statuses/{TWEET}",
        f"https://x.com/jsmith88/status/{TWEET}#reply",
        f"  https://X.COM/jsmith88/status/{TWEET}  ",
        f"https://fxtwitter.com/jsmith88/status/{TWEET}",
        f"https://vxtwitter.com/jsmith88/status/{TWEET}",
        f"https://x.com/jsmith88/statuses/{TWEET}",
        f"https://twitter.com/#!/jsmith88/status/{TWEET}",
        f"https://x.com/jsmith88/status/{TWEET}?ref_src=twsrc%5Etfw&utm_source=share",
        f"hxxps://x[.]com/jsmith88/status/{TWEET}",
        f"<https://x.com/jsmith88/status/{TWEET}>",
        f"(https://x.com/jsmith88/status/{TWEET})",
        f"https://x.com/jsmith88/status/{TWEET}.",
        f"//twitter.com/jsmith88/status/{TWEET}",
        f"https://x.com:443/jsmith88/status/{TWEET}",
        f"https://www.google.com/url?q=https://twitter.com/jsmith88/status/{TWEET}&sa=D",
    ],
    "instagram:post:C7abcDEFghi": [
        "https://www.instagram.com/p/C7abcDEFghi/",
        "https://instagram.com/p/C7abcDEFghi?igsh=MXh2dGx0",
        "https://www.instagram.com/p/C7abcDEFghi/?utm_source=ig_web_copy_link&igshid=abc",
        "instagram.com/j.smith.88/p/C7abcDEFghi/",
        "https://www.instagram.com/j.smith.88/reel/C7abcDEFghi/",
        "https://www.instagram.com/reel/C7abcDEFghi/",
        "https://www.instagram.com/reels/C7abcDEFghi/",
        "https://instagr.am/p/C7abcDEFghi",
        "http://instagram.com/tv/C7abcDEFghi",
        "https://m.instagram.com/p/C7abcDEFghi/?img_index=2",
        "https://www.ddinstagram.com/p/C7abcDEFghi/",
        "https://l.instagram.com/?u=https%3A%2F%2Fwww.instagram.com%2Fp%2FC7abcDEFghi%2F&e=AT1",
        "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.instagram.com%2Fp%2FC7abcDEFghi%2F%3Figsh%3Dx",
    ],
    "tiktok:post:7368512345678901234": [
        "https://www.tiktok.com/@user.name/video/7368512345678901234",
        "https://www.tiktok.com/@User.Name/video/7368512345678901234?is_from_webapp=1&sender_device=pc",
        "https://m.tiktok.com/v/7368512345678901234.html",
        "tiktok.com/@user.name/video/7368512345678901234/",
        "https://www.tiktok.com/@user.name/photo/7368512345678901234",
        "https://www.tiktok.com/@user.name/video/7368512345678901234?lang=en&q=abc&t=1716",
        "https://www.tiktok.com/embed/v2/7368512345678901234",
        "https://www.tiktok.com/embed/7368512345678901234",
        "https://www.tiktok.com/share/video/7368512345678901234",
        "https://www.tiktok.com/@/video/7368512345678901234",
    ],
    "youtube:post:dQw4w9WgXcQ": [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
        "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ?si=AbCdEf123",
        "https://youtu.be/dQw4w9WgXcQ?t=10",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://youtube.com/shorts/dQw4w9WgXcQ?feature=share",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0",
        "https://www.youtube.com/live/dQw4w9WgXcQ?feature=shared",
        "youtube.com/watch?v=dQw4w9WgXcQ&list=PL123&index=2",
        "https://www.youtube.com/v/dQw4w9WgXcQ",
        "https://www.youtube.com/attribution_link?u=/watch%3Fv%3DdQw4w9WgXcQ%26feature%3Dshare",
    ],
    f"facebook:post:{PFBID}": [
        f"https://www.facebook.com/permalink.php?story_fbid={PFBID}&id=100012345",
        f"https://m.facebook.com/story.php?story_fbid={PFBID}&id=100012345&mibextid=abc",
        f"https://facebook.com/jsmith.99/posts/{PFBID}",
        f"https://web.facebook.com/jsmith.99/posts/{PFBID}?__cft__[0]=xyz&__tn__=%2CO%2CP-R",
        f"https://www.facebook.com/jsmith.99/posts/{PFBID}/?fbclid=IwAR0",
        f"https://mbasic.facebook.com/jsmith.99/posts/{PFBID}",
        f"https://en-gb.facebook.com/jsmith.99/posts/{PFBID}",
    ],
    "facebook:post:video:1122334455667788": [
        "https://www.facebook.com/watch/?v=1122334455667788",
        "https://www.facebook.com/watch?v=1122334455667788&ref=sharing",
        "https://www.facebook.com/reel/1122334455667788",
        "https://m.facebook.com/reel/1122334455667788?mibextid=rS40aB",
        "https://www.facebook.com/jsmith.99/videos/1122334455667788/",
        "https://www.facebook.com/jsmith.99/videos/some-title/1122334455667788/",
        "https://www.facebook.com/video.php?v=1122334455667788",
    ],
    "facebook:post:photo:998877665544": [
        "https://www.facebook.com/photo.php?fbid=998877665544&set=a.123&type=3",
        "https://www.facebook.com/photo/?fbid=998877665544&set=a.123",
        "https://www.facebook.com/jsmith.99/photos/a.123456/998877665544/",
    ],
    "facebook:post:7766554433221100": [
        "https://www.facebook.com/groups/stopthem/posts/7766554433221100/",
        "https://www.facebook.com/groups/stopthem/permalink/7766554433221100/",
        "https://www.facebook.com/groups/stopthem/?multi_permalinks=7766554433221100",
    ],
    "reddit:post:abc123": [
        "https://www.reddit.com/r/unitedkingdom/comments/abc123/some_title/",
        "https://old.reddit.com/r/unitedkingdom/comments/abc123/some_title/?utm_source=share",
        "https://np.reddit.com/r/unitedkingdom/comments/abc123",
        "https://new.reddit.com/r/UnitedKingdom/comments/ABC123/Some_Title/",
        "https://redd.it/abc123",
        "reddit.com/comments/abc123",
        "https://www.reddit.com/user/Troll_99/comments/abc123/my_post/",
        "https://www.reddit.com/gallery/abc123",
        "https://sh.reddit.com/r/unitedkingdom/comments/abc123/some_title/?share_id=xyz",
    ],
    "reddit:post:abc123/def456": [
        "https://www.reddit.com/r/unitedkingdom/comments/abc123/some_title/def456/",
        "https://old.reddit.com/r/unitedkingdom/comments/abc123/some_title/def456/?context=3",
        "https://www.reddit.com/r/unitedkingdom/comments/abc123/comment/def456/",
        "https://reddit.com/comments/abc123/_/def456",
    ],
    "telegram:post:hatechannel/456": [
        "https://t.me/hatechannel/456",
        "https://t.me/s/hatechannel/456",
        "https://telegram.me/HateChannel/456?single",
        "https://telegram.dog/hatechannel/456",
        "https://t.me/hatechannel/456?embed=1",
        "https://hatechannel.t.me/456",
    ],
    "telegram:post:c/1234567890/789": [
        "https://t.me/c/1234567890/789",
        "https://t.me/c/1234567890/12/789",
    ],
    "threads:post:C8xyzABC12": [
        "https://www.threads.net/@jsmith/post/C8xyzABC12",
        "https://threads.com/@JSmith/post/C8xyzABC12?xmt=AQGz",
        "https://www.threads.com/t/C8xyzABC12/",
        "https://l.threads.com/?u=https%3A%2F%2Fwww.threads.com%2F%40jsmith%2Fpost%2FC8xyzABC12",
    ],
    "bluesky:post:jsmith.bsky.social/3kabc123xyz2a": [
        "https://bsky.app/profile/jsmith.bsky.social/post/3kabc123xyz2a",
        "https://bsky.app/profile/JSmith.bsky.social/post/3kabc123xyz2a/",
        "bsky.app/profile/jsmith.bsky.social/post/3kabc123xyz2a?ref_src=embed",
    ],
    "discord:post:111222333444/555666777888/999000111222": [
        "https://discord.com/channels/111222333444/555666777888/999000111222",
        "https://discordapp.com/channels/111222333444/555666777888/999000111222",
        "https://ptb.discord.com/channels/111222333444/555666777888/999000111222",
        "https://canary.discord.com/channels/111222333444/555666777888/999000111222",
    ],
    "twitch:post:clip:FunnyClipSlug-AbC123": [
        "https://clips.twitch.tv/FunnyClipSlug-AbC123",
        "https://www.twitch.tv/streamer/clip/FunnyClipSlug-AbC123?filter=clips",
        "https://m.twitch.tv/streamer/clip/FunnyClipSlug-AbC123",
        "https://clips.twitch.tv/embed?clip=FunnyClipSlug-AbC123&parent=example.org",
    ],
    "twitch:post:video:2145678901": [
        "https://www.twitch.tv/videos/2145678901",
        "https://www.twitch.tv/videos/2145678901?t=1h2m3s",
        "https://m.twitch.tv/videos/2145678901",
    ],
}


@pytest.mark.parametrize(("key", "url"), [(k, u) for k, urls in SAME_POST.items() for u in urls])
def test_every_variant_gives_the_post_key(key: str, url: str) -> None:
    parsed = ContentUrl.clean(url)
    assert parsed.kind is UrlKind.POST
    assert parsed.key == key


@pytest.mark.parametrize(
    "key",
    [
        f"x:post:{TWEET}",
        "instagram:post:C7abcDEFghi",
        "youtube:post:dQw4w9WgXcQ",
        "reddit:post:abc123",
        "telegram:post:hatechannel/456",
        "discord:post:111222333444/555666777888/999000111222",
        "facebook:post:video:1122334455667788",
    ],
)
def test_variants_of_one_post_share_one_canonical_url(key: str) -> None:
    assert len({ContentUrl.clean(u).canonical for u in SAME_POST[key]}) == 1


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            f"https://mobile.twitter.com/jsmith88/status/{TWEET}?s=20",
            f"https://x.com/i/web/status/{TWEET}",
        ),
        ("https://youtu.be/dQw4w9WgXcQ?si=x", "https://youtube.com/watch?v=dQw4w9WgXcQ"),
        (
            "https://www.instagram.com/reel/C7abcDEFghi/?igsh=1",
            "https://instagram.com/p/C7abcDEFghi",
        ),
        ("https://old.reddit.com/r/uk/comments/abc123/t/", "https://reddit.com/comments/abc123"),
        (
            f"https://m.facebook.com/story.php?story_fbid={PFBID}&id=100012345&mibextid=abc",
            f"https://facebook.com/permalink.php?story_fbid={PFBID}&id=100012345",
        ),
        (
            "https://www.tiktok.com/@User.Name/video/7368512345678901234?lang=en",
            "https://tiktok.com/@user.name/video/7368512345678901234",
        ),
        ("https://clips.twitch.tv/Slug-Ab1?x=1", "https://clips.twitch.tv/Slug-Ab1"),
    ],
)
def test_canonical_urls_drop_tracking_and_keep_identity(url: str, canonical: str) -> None:
    assert ContentUrl.clean(url).canonical == canonical


COMMENTS = [
    (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzKx1aBcDeFgHiJkL4AaABAg",
        "youtube:post:dQw4w9WgXcQ/UgzKx1aBcDeFgHiJkL4AaABAg",
        "youtube:post:dQw4w9WgXcQ",
    ),
    (
        f"https://www.facebook.com/jsmith.99/posts/{PFBID}?comment_id=556677889900",
        f"facebook:post:{PFBID}/556677889900",
        f"facebook:post:{PFBID}",
    ),
    (
        f"https://www.facebook.com/permalink.php?story_fbid={PFBID}&id=1000123&comment_id=1&reply_comment_id=556677889911",
        f"facebook:post:{PFBID}/556677889911",
        f"facebook:post:{PFBID}",
    ),
    (
        "https://www.instagram.com/p/C7abcDEFghi/c/17890000000000000/",
        "instagram:post:C7abcDEFghi/17890000000000000",
        "instagram:post:C7abcDEFghi",
    ),
    (
        "https://www.instagram.com/p/C7abcDEFghi/c/17890000000000000/r/17890000000000099/",
        "instagram:post:C7abcDEFghi/17890000000000099",
        "instagram:post:C7abcDEFghi",
    ),
    (
        "https://t.me/hatechannel/456?comment=789",
        "telegram:post:hatechannel/456/789",
        "telegram:post:hatechannel/456",
    ),
    (
        "https://www.reddit.com/r/uk/comments/abc123/title/def456/",
        "reddit:post:abc123/def456",
        "reddit:post:abc123",
    ),
]


@pytest.mark.parametrize(("url", "key", "parent"), COMMENTS)
def test_a_comment_is_its_own_content_linked_to_its_post(url: str, key: str, parent: str) -> None:
    parsed = ContentUrl.clean(url)
    assert (parsed.kind, parsed.key, parsed.parent_key) == (UrlKind.POST, key, parent)


def test_a_post_has_no_parent() -> None:
    assert ContentUrl.clean("https://redd.it/abc123").parent_key is None


ACCOUNTS = [
    ("https://x.com/JSmith88", "x:account:jsmith88"),
    ("twitter.com/jsmith88/", "x:account:jsmith88"),
    ("https://mobile.twitter.com/jsmith88?lang=en", "x:account:jsmith88"),
    ("https://twitter.com/jsmith88/with_replies", "x:account:jsmith88"),
    ("https://x.com/jsmith88/media", "x:account:jsmith88"),
    ("https://twitter.com/intent/user?screen_name=JSmith88", "x:account:jsmith88"),
    ("https://x.com/intent/follow?user_id=123456789", "x:account-id:123456789"),
    ("https://x.com/i/user/123456789", "x:account-id:123456789"),
    ("https://www.instagram.com/j.smith.88/", "instagram:account:j.smith.88"),
    ("https://instagram.com/J.Smith.88?igsh=abc", "instagram:account:j.smith.88"),
    ("https://www.instagram.com/j.smith.88/tagged/", "instagram:account:j.smith.88"),
    ("https://www.instagram.com/_u/j.smith.88", "instagram:account:j.smith.88"),
    ("https://www.instagram.com/stories/j.smith.88/", "instagram:account:j.smith.88"),
    ("https://www.tiktok.com/@johnsmith88?lang=en", "tiktok:account:johnsmith88"),
    ("https://www.tiktok.com/@John.Smith_88/live", "tiktok:account:john.smith_88"),
    ("https://www.youtube.com/@HateChannel", "youtube:account:hatechannel"),
    ("https://m.youtube.com/@HateChannel/videos", "youtube:account:hatechannel"),
    ("https://www.youtube.com/c/HateChannel", "youtube:account:hatechannel"),
    ("https://www.youtube.com/user/HateChannel", "youtube:account:hatechannel"),
    (
        "https://www.youtube.com/channel/UCabcDEF123ghiJKL456mno7",
        "youtube:account-id:UCabcDEF123ghiJKL456mno7",
    ),
    ("https://www.facebook.com/profile.php?id=100012345678", "facebook:account-id:100012345678"),
    (
        "https://m.facebook.com/profile.php?id=100012345678&ref=content_filter",
        "facebook:account-id:100012345678",
    ),
    (
        "https://www.facebook.com/people/John-Smith/100012345678/",
        "facebook:account-id:100012345678",
    ),
    ("https://www.facebook.com/john.smith.9", "facebook:account:john.smith.9"),
    ("https://www.facebook.com/John.Smith.9/about", "facebook:account:john.smith.9"),
    ("https://www.reddit.com/user/Troll_99/", "reddit:account:troll_99"),
    ("https://reddit.com/u/Troll_99", "reddit:account:troll_99"),
    ("https://old.reddit.com/user/Troll_99/submitted/", "reddit:account:troll_99"),
    ("https://t.me/hatechannel", "telegram:account:hatechannel"),
    ("https://telegram.me/HateChannel", "telegram:account:hatechannel"),
    ("https://bsky.app/profile/jsmith.bsky.social", "bluesky:account:jsmith.bsky.social"),
    ("https://bsky.app/profile/did:plc:abc123xyz", "bluesky:account-id:did:plc:abc123xyz"),
    ("https://www.threads.net/@jsmith", "threads:account:jsmith"),
    ("https://www.threads.com/@JSmith/replies", "threads:account:jsmith"),
    ("https://www.snapchat.com/add/jsmith", "snapchat:account:jsmith"),
    ("https://snapchat.com/@JSmith", "snapchat:account:jsmith"),
    ("https://www.twitch.tv/streamer", "twitch:account:streamer"),
    ("https://www.twitch.tv/Streamer/videos", "twitch:account:streamer"),
    ("https://wa.me/447911123456", "whatsapp:account:+447911123456"),
    ("https://api.whatsapp.com/send?phone=447911123456&text=hi", "whatsapp:account:+447911123456"),
    ("https://discord.com/users/80351110224678912", "discord:account-id:80351110224678912"),
]


@pytest.mark.parametrize(("url", "key"), ACCOUNTS)
def test_profile_urls_are_accounts_not_posts(url: str, key: str) -> None:
    parsed = ContentUrl.clean(url)
    assert parsed.kind is UrlKind.ACCOUNT
    assert parsed.key == key


@pytest.mark.parametrize(
    "url",
    [
        "https://t.co/AbC123xyz",
        "https://pic.twitter.com/AbC123xyz",
        "https://bit.ly/3xYzAbc",
        "https://vm.tiktok.com/ZMabc123/",
        "https://vt.tiktok.com/ZSabc123/",
        "https://www.tiktok.com/t/ZTabc/",
        "https://www.facebook.com/share/p/1AbCdEf/",
        "https://www.facebook.com/share/r/1AbCdEf/",
        "https://www.facebook.com/share/v/1AbCdEf/",
        "https://fb.watch/abcDEF123/",
        "https://fb.me/abc",
        "https://tinyurl.com/abc123",
        "https://goo.gl/abc123",
        "https://ow.ly/abc123",
        "https://www.reddit.com/r/uk/s/AbCdEf",
        "https://www.instagram.com/share/reel/BAabcDEF",
        "https://t.snapchat.com/AbCdEf",
        "https://wa.me/message/ABCDEF123",
        "https://go.bsky.app/AbCdEf",
    ],
)
def test_short_links_are_recognised_and_have_no_key(url: str) -> None:
    parsed = ContentUrl.clean(url)
    assert parsed.kind is UrlKind.SHORT_LINK
    assert parsed.key is None
    assert any("short link" in note for note in parsed.notes)


def test_short_link_keeps_its_case_and_its_platform() -> None:
    assert ContentUrl.clean("https://t.co/AbC").platform == "x"
    assert ContentUrl.clean("https://t.co/AbC?amp=1").canonical == "https://t.co/AbC"
    assert ContentUrl.clean("https://fb.watch/aB1/").platform == "facebook"
    assert ContentUrl.clean("https://bit.ly/AbC", platform_hint="instagram").platform == "instagram"
    assert ContentUrl.clean("https://bit.ly/AbC").platform == "other"


DIFFERENT = [
    (f"https://x.com/a/status/{TWEET}", "https://x.com/a/status/1796512345678901235"),
    (
        "https://www.reddit.com/r/uk/comments/abc123/t/",
        "https://www.reddit.com/r/uk/comments/abc123/t/def456/",
    ),
    (
        "https://www.reddit.com/r/uk/comments/abc123/t/def456/",
        "https://www.reddit.com/r/uk/comments/abc123/t/def457/",
    ),
    ("https://www.instagram.com/p/C7abcDEFghi/", "https://www.instagram.com/p/C7abcdefghi/"),
    ("https://x.com/jsmith88", "https://x.com/jsmith89"),
    ("https://www.instagram.com/j.smith.88/", "https://www.instagram.com/j_smith_88/"),
    ("https://x.com/jsmith88", "https://www.instagram.com/jsmith88/"),
    ("https://t.me/chan1/1", "https://t.me/chan1/2"),
    ("https://t.me/chan1/1", "https://t.me/chan2/1"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcR"),
    (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzKx1aBcDeFgHiJkL4AaABAg",
    ),
    (
        "https://www.facebook.com/watch/?v=12345678",
        "https://www.facebook.com/photo.php?fbid=12345678",
    ),
    (
        "https://www.tiktok.com/@a/video/7368512345678901234",
        "https://www.tiktok.com/@a/video/7368512345678901235",
    ),
    ("https://x.com/jsmith88", f"https://x.com/jsmith88/status/{TWEET}"),
    (
        "https://bsky.app/profile/a.bsky.social/post/3kabc",
        "https://bsky.app/profile/b.bsky.social/post/3kabc",
    ),
    ("https://clips.twitch.tv/SlugA", "https://clips.twitch.tv/Sluga"),
    ("https://discord.com/channels/1/22222/33333", "https://discord.com/channels/1/22222/33334"),
    (
        "https://www.facebook.com/profile.php?id=100012345",
        "https://www.facebook.com/profile.php?id=100012346",
    ),
]


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_content_gets_different_keys(a: str, b: str) -> None:
    key_a, key_b = ContentUrl.clean(a).key, ContentUrl.clean(b).key
    assert key_a is not None
    assert key_b is not None
    assert key_a != key_b


@pytest.mark.parametrize(
    "bad",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "ftp://files.example.org/post",
        "mailto:someone@example.org",
        "file:///etc/passwd",
        "data:text/html;base64,AAAA",
        "tel:+447911123456",
        "not a url at all",
        "https://x.com/a b",
        "http://",
        "https://",
        "http:/x.com/jsmith88",
        "https://localhost/x",
        "http://127.0.0.1/admin",
        "http://192.168.1.10/",
        "https://x.com:notaport/",
        "jsmith88",
        "",
        "   ",
    ],
)
def test_non_http_urls_are_refused(bad: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        ContentUrl.clean(bad)
    assert caught.value.field == "url"


def test_refusal_says_what_is_wrong() -> None:
    with pytest.raises(InvalidValue, match="url: not an http\\(s\\) URL"):
        ContentUrl.clean("javascript:alert(1)")


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "https://www.some-forum.co.uk/thread/123?page=2",
            "https://some-forum.co.uk/thread/123?page=2",
        ),
        (
            "https://m.some-forum.co.uk/thread/123/?utm_source=x&fbclid=1#post5",
            "https://some-forum.co.uk/thread/123",
        ),
        ("HTTP://Example.ORG/Path/Case", "https://example.org/Path/Case"),
        ("https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
        ("https://bücher.example/seite", "https://xn--bcher-kva.example/seite"),
        ("https://example.org:8443/x", "https://example.org:8443/x"),
        ("https://8.8.8.8/page", "https://8.8.8.8/page"),
        ("https://user:secret@example.org/x", "https://example.org/x"),
    ],
)
def test_unknown_sites_are_other_content_with_a_cleaned_url(url: str, canonical: str) -> None:
    parsed = ContentUrl.clean(url)
    assert (parsed.platform, parsed.kind, parsed.key) == ("other", UrlKind.OTHER, None)
    assert parsed.canonical == canonical


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://x.com/explore", "x"),
        ("https://twitter.com/search?q=%23hate&src=typed_query", "x"),
        ("https://www.instagram.com/explore/tags/hate/", "instagram"),
        ("https://www.youtube.com/results?search_query=hate", "youtube"),
        ("https://www.facebook.com/groups/stopthem/", "facebook"),
        ("https://www.reddit.com/r/unitedkingdom/", "reddit"),
        ("https://i.redd.it/abc123xyz.jpeg", "reddit"),
        ("https://discord.gg/abcDEF", "discord"),
        ("https://chat.whatsapp.com/AbCdEfGhIjK", "whatsapp"),
        ("https://t.me/joinchat/AAAAAE1234", "telegram"),
        ("https://t.me/+AbCdEf123", "telegram"),
    ],
)
def test_platform_pages_that_are_not_content_have_no_key(url: str, platform: str) -> None:
    parsed = ContentUrl.clean(url)
    assert (parsed.platform, parsed.kind, parsed.key) == (platform, UrlKind.OTHER, None)


def test_a_platform_page_keeps_its_meaningful_query_without_tracking() -> None:
    parsed = ContentUrl.clean("https://twitter.com/search?q=%23hate&src=typed_query&s=20")
    assert parsed.canonical == "https://x.com/search?q=%23hate"


@pytest.mark.parametrize(
    "url",
    [
        "https://music.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://help.x.com/en/rules-and-policies",
        "https://developers.facebook.com/docs",
    ],
)
def test_excluded_sub_domains_are_not_the_platforms_content(url: str) -> None:
    assert ContentUrl.clean(url).platform == "other"


def test_post_url_names_its_author() -> None:
    parsed = ContentUrl.clean(f"https://twitter.com/JSmith88/status/{TWEET}")
    assert (parsed.handle, parsed.account_key) == ("jsmith88", "x|jsmith88")
    assert ContentUrl.clean(f"https://x.com/i/web/status/{TWEET}").handle is None
    assert (
        ContentUrl.clean("https://www.tiktok.com/@User.Name/video/7368512345678901234").handle
        == "user.name"
    )


def test_the_host_wins_over_a_disagreeing_platform_hint_and_says_so() -> None:
    parsed = ContentUrl.clean(f"https://x.com/a/status/{TWEET}", platform_hint="instagram")
    assert parsed.platform == "x"
    assert parsed.notes == ("platform given as instagram but the link is x: the link wins",)


def test_an_agreeing_hint_adds_no_note() -> None:
    assert ContentUrl.clean(f"https://x.com/a/status/{TWEET}", platform_hint="Twitter").notes == ()


def test_a_hint_does_not_claim_an_unknown_site() -> None:
    assert ContentUrl.clean("https://example.org/p/1", platform_hint="x").platform == "other"


def test_cleaning_notes_mirrors_redirects_and_defanging() -> None:
    mirror = ContentUrl.clean(f"https://fxtwitter.com/a/status/{TWEET}")
    assert mirror.notes == ("fxtwitter.com is a third-party mirror of X",)
    wrapped = ContentUrl.clean(
        "https://l.facebook.com/l.php?u=https%3A%2F%2Fyoutu.be%2FdQw4w9WgXcQ"
    )
    assert wrapped.notes == ("the link was read out of a l.facebook.com redirect",)
    assert ContentUrl.clean("hxxp://redd[.]it/abc123").notes == ("a defanged link was re-fanged",)


def test_a_redirect_to_a_non_http_target_is_refused() -> None:
    with pytest.raises(InvalidValue):
        ContentUrl.clean("https://l.facebook.com/l.php?u=javascript%3Aalert(1)")


def test_original_is_kept_as_typed() -> None:
    raw = f"  https://X.COM/jsmith88/status/{TWEET}?s=20  "
    assert ContentUrl.clean(raw).original == raw


def test_a_link_read_again_with_another_hint_is_read_for_that_hint() -> None:
    """Reading is cached by what was pasted and the hint together."""
    link = f"https://x.com/a/status/{TWEET}"
    assert ContentUrl.clean(link, platform_hint="instagram").notes
    assert ContentUrl.clean(link, platform_hint="x").notes == ()
    assert ContentUrl.clean(link, platform_hint="instagram").notes


def test_a_link_that_fails_fails_every_time() -> None:
    for _ in range(2):
        with pytest.raises(InvalidValue, match="not an http"):
            ContentUrl.clean("javascript:alert(1)")
