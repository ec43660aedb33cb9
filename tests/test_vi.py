import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from sitegen.base import vi


def test_slug_drops_diacritics_and_maps_dd():
    assert vi.slugify("Nghị quyết 04-NQ/TU 2021") == "nghi-quyet-04-nq-tu-2021"
    assert vi.slugify("Đảng bộ tỉnh Hà Nam") == "dang-bo-tinh-ha-nam"


def test_old_and_new_tone_placement_are_the_same_words():
    assert vi.same_words_key("Tỉnh uỷ") == vi.same_words_key("Tỉnh ủy")
    assert vi.same_words_key("văn hoá") == vi.same_words_key("văn hóa")
    assert vi.same_words_key("khoẻ") == vi.same_words_key("khỏe")
    assert vi.unify_tones("quý") == "quý"
    assert vi.unify_tones("hoàng") == "hoàng"


def test_nfd_and_nfc_give_the_same_key():
    import unicodedata

    text = "Ban Thường vụ Tỉnh ủy"
    assert vi.same_words_key(unicodedata.normalize("NFD", text)) == vi.same_words_key(text)


def test_dd_is_a_letter_of_its_own_in_collation():
    collator = vi.make_collator()
    words = ["Đà Nẵng", "Bắc", "An", "Ăn", "Âm", "Dung", "Em"]
    ordered = sorted(words, key=lambda w: vi.sort_key(collator, w))
    assert ordered == ["An", "Ăn", "Âm", "Bắc", "Dung", "Đà Nẵng", "Em"]


def test_dates_in_vietnamese():
    d = vi.PartialDate(2022, 3, 8)
    assert d.long() == "ngày 08 tháng 3 năm 2022"  # the official rule: tests/test_typography.py
    assert d.header() == "ngày 08 tháng 3 năm 2022"
    assert d.short() == "08/3/2022"
    assert vi.PartialDate(2023).long() == "năm 2023"
    assert vi.PartialDate(2023) < vi.PartialDate(2023, 1, 1) < vi.PartialDate(2023, 1, 2)


@given(st.text())
def test_slug_is_always_ascii_lowercase_dashes(text):
    slug = vi.slugify(text)
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in slug)
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug


@given(st.text())
def test_unify_tones_is_idempotent_and_keeps_letters(text):
    once = vi.unify_tones(text)
    assert vi.unify_tones(once) == once
    assert vi.strip_marks(once) == vi.strip_marks(vi.nfc(text))


def _strip_marks_reference(text: str) -> str:
    """The definition: NFD, drop every character with a combining class, "đ" -> "d"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"


@given(st.text(alphabet=st.sampled_from(list(VIETNAMESE + VIETNAMESE.upper()
                                             + " ,.-/“”–…\u0301\u0323\u034f"))))
def test_strip_marks_fast_path_equals_the_definition_on_vietnamese(text):
    assert vi.strip_marks(text) == _strip_marks_reference(text)


@given(st.text())
def test_strip_marks_equals_the_definition_on_any_text(text):
    assert vi.strip_marks(text) == _strip_marks_reference(text)


LATIN_BLOCKS = [chr(c) for lo, hi in ((0, 0x250), (0x300, 0x370), (0x1E00, 0x1F00), (0x2000, 0x2070))
                for c in range(lo, hi)]


def test_strip_marks_of_every_latin_character_is_the_definition():
    assert vi.strip_marks("".join(LATIN_BLOCKS)) == _strip_marks_reference("".join(LATIN_BLOCKS))
    for c in LATIN_BLOCKS:
        assert vi.strip_marks(c) == _strip_marks_reference(c)


@given(st.text(alphabet=st.sampled_from(LATIN_BLOCKS)))
def test_strip_marks_of_latin_text_with_any_marks_is_the_definition(text):
    assert vi.strip_marks(text) == _strip_marks_reference(text)
