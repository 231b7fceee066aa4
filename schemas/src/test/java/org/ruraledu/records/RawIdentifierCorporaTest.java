package org.ruraledu.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What {@link StudentRefs#looksLikeRawIdentifier(String)} and {@link StudentRefs#redact} take for a resident ID
 * number (GB 11643-1999) and what not, on generated corpora with fixed seeds. Each test of a defect of issue 6
 * (look-alikes refused; numbers in longer runs, in full-width digits, with separators, old ones missed) failed
 * on the former pattern, which took any 18 digits not within a longer digit run.
 */
class RawIdentifierCorporaTest {
    private static final String R = StudentRefs.REDACTED;
    private final IdNumberCorpus corpus = new IdNumberCorpus(6);
    private final List<String> numbers = corpus.numbersWithEveryCheckCharacter(20);

    @Test
    void theStandardsOwnExampleIsFound() {
        assertThat(IdNumberCorpus.checkOf("11010519491231002")).isEqualTo('X');
        assertRedacted("got '11010519491231002X'", "got '" + R + "'");
        assertRedacted("got '11010519491231002x'", "got '" + R + "'");
    }

    @Test
    void aValidNumberOfEveryCheckCharacterIsFoundAloneAndAsAStudentNumber() {
        assertThat(numbers).extracting(n -> n.charAt(17)).containsOnly('0', '1', '2', '3', '4', '5', '6', '7', '8',
                '9', 'X');
        for (String number : numbers) {
            assertRedacted("got '" + number + "'", "got '" + R + "'");
            for (String prefix : new String[] {"G", "J", "L", "g", "j", "l", "Ｇ"}) {
                assertRedacted("got '" + prefix + number + "'", "got '" + R + "'");
            }
        }
    }

    @Test
    void aNumberInsideAnIdOrALongerDigitRunIsFound() {
        for (String number : numbers) {
            // Digits around the number make more 18-digit windows; these contexts cannot make one valid by
            // chance (their address codes start 00, 01, 10, 20, or their years fall outside 1900..2027), so the
            // redaction is the number's span exactly.
            assertRedacted("evt-G" + number + "_1127", "evt-" + R + "_1127");
            assertRedacted("00" + number + "0", "00" + R + "0");
            assertRedacted("2000-10-10 " + number + " 8", "2000-10-10 " + R + " 8");
            assertRedacted("a1b2" + number + "c3", "a1b2" + R + "c3");
            assertThat(StudentRefs.looksLikeRawIdentifier("evt-G" + number + "-1127")).isTrue();
        }
    }

    @Test
    void fullWidthDigitsAreFound() {
        for (String number : numbers) {
            String wide = IdNumberCorpus.fullWidth(number);
            assertRedacted("学号：" + wide + "。", "学号：" + R + "。");
            assertRedacted("学籍号Ｇ" + wide, "学籍号" + R);
        }
    }

    @Test
    void spacesAndHyphensBetweenDigitGroupsAreFound() {
        for (String number : numbers) {
            String a = number.substring(0, 6);
            String b = number.substring(6, 14);
            String c = number.substring(14);
            for (String written : new String[] {a + " " + b + " " + c, a + "-" + b + "-" + c,
                    a + "\u3000" + b + "\u3000" + c, number.substring(0, 3) + "-" + number.substring(3, 6) + "-"
                            + number.substring(6, 10) + "-" + number.substring(10, 14) + "-" + c,
                    IdNumberCorpus.fullWidth(a) + "－" + IdNumberCorpus.fullWidth(b + c)}) {
                assertRedacted("id " + written + ";", "id " + R + ";");
                assertRedacted("G" + written, R);
            }
        }
    }

    @Test
    void anOldFifteenDigitNumberIsFoundWhenItStandsAlone() {
        for (int i = 0; i < 200; i++) {
            String old = corpus.oldNumber();
            assertRedacted(old, R);
            assertRedacted("身份证 " + old + ", 1998", "身份证 " + R + ", 1998");
            assertRedacted("old=" + IdNumberCorpus.fullWidth(old), "old=" + R);
            // Weaker evidence: not next to a letter (a code) nor within a longer run.
            for (String lookAlike : new String[] {"a" + old, old + "f", "1" + old, old + "-12", "G" + old}) {
                assertThat(StudentRefs.looksLikeRawIdentifier(lookAlike)).as(lookAlike).isFalse();
            }
        }
    }

    @Test
    void aWrongCheckCharacterIsNoNumber() {
        for (String number : numbers) {
            for (char wrong : IdNumberCorpus.CHECK_CHARACTERS.replace(number.substring(17), "").toCharArray()) {
                String lookAlike = number.substring(0, 17) + wrong;
                assertThat(StudentRefs.looksLikeRawIdentifier(lookAlike)).as(lookAlike).isFalse();
                assertThat(StudentRefs.looksLikeRawIdentifier("G" + lookAlike)).as(lookAlike).isFalse();
            }
        }
    }

    @Test
    void hexUuidsAreNotTakenForNumbers() {
        Random random = new Random(38_470);
        List<String> dashed = IntStream.range(0, 100_000)
                .mapToObj(i -> new UUID(random.nextLong(), random.nextLong()).toString()).toList();
        List<String> hex = dashed.stream().map(u -> u.replace("-", "")).toList();
        // The corpus holds the runs of exactly 18 digits that the former pattern refused.
        assertThat(hex).filteredOn(u -> u.matches(".*(^|[a-f])[0-9]{18}([a-f]|$).*")).isNotEmpty();

        assertThat(hex).filteredOn(StudentRefs::looksLikeRawIdentifier).isEmpty();
        assertThat(dashed).filteredOn(StudentRefs::looksLikeRawIdentifier).isEmpty();
    }

    @Test
    void reportIdsOfASchoolCodeAndADateAreNotTakenForNumbers() {
        // The date's century lands where a birth date has its month: "20" is no month.
        Random random = new Random(10);
        for (int i = 0; i < 10_000; i++) {
            String schoolCode = String.format("%010d", (long) (random.nextDouble() * 1e10));
            String reportId = schoolCode + String.format("20%02d%02d%02d", random.nextInt(100), 1 + random.nextInt(12),
                    1 + random.nextInt(28));
            assertThat(StudentRefs.looksLikeRawIdentifier(reportId)).as(reportId).isFalse();
            assertThat(StudentRefs.looksLikeRawIdentifier("meal-" + reportId)).as(reportId).isFalse();
        }
    }

    @Test
    void orderNumbersAndSixteenDigitCardsAreNotTakenForNumbers() {
        Random random = new Random(16);
        for (int i = 0; i < 10_000; i++) {
            // yyyyMMddHHmmss and a 4-digit sequence: 20 is no province code.
            String order = String.format("20%02d%02d%02d%02d%02d%02d%04d", random.nextInt(100), 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    random.nextInt(10_000));
            String card = luhn("62" + digits(random, 13));
            assertThat(order).hasSize(18);
            assertThat(StudentRefs.looksLikeRawIdentifier(order)).as(order).isFalse();
            assertThat(StudentRefs.looksLikeRawIdentifier(card)).as(card).isFalse();
        }
    }

    /**
     * Numbers with no structure of their own pass the address, date and check tests by chance: about 2 in 100,000
     * 18-digit windows (measured over a million of each kind below: 1.7 to 6 per 100,000 numbers); each kind must
     * stay under 1 in 5,000 here. The former pattern took every one of exactly 18 digits.
     */
    @Test
    void randomDigitRunsAreRarelyTakenForNumbers() {
        Random random = new Random(18);
        long sixYearsOfMillis = 6L * 365 * 86_400_000;
        long twitterMillisAt2020 = 1_577_836_800_000L - 1_288_834_974_657L;
        assertRarelyFlagged("18-digit snowflake ids (2020 epoch)",
                () -> Long.toString((random.nextLong(sixYearsOfMillis) << 22) | random.nextInt(1 << 22)));
        assertRarelyFlagged("19-digit snowflake ids (Twitter epoch)", () -> Long.toString(
                ((twitterMillisAt2020 + random.nextLong(sixYearsOfMillis)) << 22) | random.nextInt(1 << 22)));
        assertRarelyFlagged("18-digit epoch nanoseconds",
                () -> Long.toString(random.nextLong(100_000_000_000_000_000L, 1_000_000_000_000_000_000L)));
        assertRarelyFlagged("19-digit UnionPay card numbers", () -> luhn("62" + digits(random, 16)));
        assertRarelyFlagged("random 18 digits", () -> digits(random, 18));
        assertRarelyFlagged("JUnit temp directories", () -> "/tmp/junit" + Long.toUnsignedString(random.nextLong()));
    }

    /** Not a timing assertion: a scan that backtracked or allocated per character would make this crawl. */
    @Test
    void aMillionScansOfAUuidTextStayCheap() {
        String text = "3f2a9c1e-8b7d-4c55-9e21-0a6b5d4c3b2a";
        long flagged = IntStream.range(0, 1_000_000).filter(i -> StudentRefs.looksLikeRawIdentifier(text)).count();
        assertThat(flagged).isZero();
    }

    private static void assertRarelyFlagged(String kind, Supplier<String> lookAlikes) {
        int total = 100_000;
        long flagged = IntStream.range(0, total).mapToObj(i -> lookAlikes.get())
                .filter(StudentRefs::looksLikeRawIdentifier).count();
        assertThat(flagged).as(kind).isLessThan(total / 5_000);
    }

    /** The text is flagged, as a string and as UTF-8 bytes, and redacted as expected. */
    private static void assertRedacted(String text, String expected) {
        assertThat(StudentRefs.looksLikeRawIdentifier(text)).as(text).isTrue();
        assertThat(StudentRefs.looksLikeRawIdentifier(text.getBytes(StandardCharsets.UTF_8))).as(text).isTrue();
        assertThat(StudentRefs.redact(text)).as(text).isEqualTo(expected);
    }

    private static String digits(Random random, int count) {
        StringBuilder out = new StringBuilder().append((char) ('1' + random.nextInt(9)));
        while (out.length() < count) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    /** The body and its Luhn check digit. */
    private static String luhn(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int digit = body.charAt(body.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? (digit * 2) / 10 + (digit * 2) % 10 : digit;
        }
        return body + (10 - sum % 10) % 10;
    }
}
