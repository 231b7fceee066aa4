package org.ruraledu.records;

import java.time.Year;
import java.time.ZoneOffset;

/**
 * The structure of a resident ID number (公民身份号码, GB 11643-1999), checked on symbols already normalised to
 * 0..9 and {@link #X} for the check character X. Structure, not a register: a made-up number with this shape is
 * taken for one too, which is what a privacy check wants.
 */
public final class ResidentIdNumber {
    /** The symbol of the check character X (a remainder of 10). */
    static final int X = 10;
    static final int LENGTH = 18;
    /** The numbers issued before 1999: no century in the birth date and no check character. */
    static final int OLD_LENGTH = 15;

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    /** ISO 7064 MOD 11-2: the check character for each remainder of the weighted sum by 11. */
    private static final int[] CHECK = {1, 0, X, 9, 8, 7, 6, 5, 4, 3, 2};
    /** The foreigner's permanent residence ID card (2023) starts with 9 and then a province code. */
    private static final int FOREIGNER = 9;
    private static final int EARLIEST_BIRTH_YEAR = 1900;
    /**
     * Generous rather than exact (a number born next year passes as one): read once, so a process that runs for
     * a year still knows this year's newborns, and no clock needs to reach the static check.
     */
    private static final int LATEST_BIRTH_YEAR = Year.now(ZoneOffset.UTC).getValue() + 1;
    /**
     * The first two digits of an address code: the province-level codes of GB/T 2260 (71 Taiwan, 81 Hong Kong,
     * 82 Macao included, as residence permits use 810000 and 820000), and 83, which Taiwan residents' residence
     * permits use (830000).
     */
    private static final boolean[] PROVINCE = provinces(11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36,
            37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83);

    private ResidentIdNumber() {
    }

    /** True if the 18 symbols from {@code from} are an address code, a birth date, a sequence and its check. */
    static boolean isNumber(int[] symbols, int from) {
        return digits(symbols, from, LENGTH - 1)
                && (isProvince(symbols, from) || symbols[from] == FOREIGNER && isProvince(symbols, from + 1))
                && isBirthDate(value(symbols, from + 6, 4), value(symbols, from + 10, 2), value(symbols, from + 12, 2))
                && symbols[from + LENGTH - 1] == checkOf(symbols, from);
    }

    /** True if the 15 symbols from {@code from} are an address code, a birth date in the 1900s and a sequence. */
    static boolean isOldNumber(int[] symbols, int from) {
        return digits(symbols, from, OLD_LENGTH) && isProvince(symbols, from)
                && isBirthDate(1900 + value(symbols, from + 6, 2), value(symbols, from + 8, 2),
                        value(symbols, from + 10, 2));
    }

    /**
     * The 18-character number that {@code first17} digits make with their check character: for tools that make
     * realistic test numbers (the simulator), which the privacy check must catch like real ones.
     */
    public static String withCheckCharacter(String first17) {
        if (first17.length() != LENGTH - 1 || !first17.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not 17 digits: " + first17.length() + " characters");
        }
        int check = checkOf(first17.chars().map(c -> c - '0').toArray(), 0);
        return first17 + (check == X ? "X" : String.valueOf(check));
    }

    private static int checkOf(int[] symbols, int from) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += symbols[from + i] * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    private static boolean isProvince(int[] symbols, int from) {
        return PROVINCE[value(symbols, from, 2)];
    }

    private static boolean isBirthDate(int year, int month, int day) {
        return year >= EARLIEST_BIRTH_YEAR && year <= LATEST_BIRTH_YEAR && month >= 1 && month <= 12
                && day >= 1 && day <= Year.of(year).atMonth(month).lengthOfMonth();
    }

    private static boolean digits(int[] symbols, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (symbols[i] == X) {
                return false;
            }
        }
        return true;
    }

    private static int value(int[] symbols, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + symbols[i];
        }
        return value;
    }

    private static boolean[] provinces(int... codes) {
        boolean[] known = new boolean[100];
        for (int code : codes) {
            known[code] = true;
        }
        return known;
    }
}
