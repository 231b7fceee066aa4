package org.ruraledu.launcher;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Valid citizen ID numbers (GB 11643-1999), made up for tests: a 6-digit region code, the birth date
 * ({@code yyyyMMdd}), a 3-digit sequence and the check character of ISO 7064 MOD 11-2. Raw numbers that tests send
 * on purpose must have this structure, so that a detector that checks it still has something to find.
 */
final class IdNumbers {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    /** Weihai's districts: Huancui, Wendeng, Rongcheng, Rushan. */
    private static final String[] WEIHAI_REGIONS = {"371002", "371003", "371082", "371083"};

    private final Random random;

    IdNumbers(Random random) {
        this.random = random;
    }

    /** The 18-character ID number of a region, birth date and sequence (0..999), check character included. */
    static String of(String region, LocalDate birth, int sequence) {
        String body = region + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence);
        return body + checkCharacter(body);
    }

    /** The MOD 11-2 check character of the first 17 digits. */
    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    /** A new number of a Weihai pupil born 2008 to 2019: random, so that each test run sends its own. */
    String next() {
        String region = WEIHAI_REGIONS[random.nextInt(WEIHAI_REGIONS.length)];
        LocalDate birth = LocalDate.of(2008, 1, 1).plusDays(random.nextInt(12 * 365));
        return of(region, birth, random.nextInt(1000));
    }

    /** A new number whose check character is X (a detector must not want digits only). */
    String nextEndingInX() {
        String number = next();
        while (number.charAt(17) != 'X') {
            number = next();
        }
        return number;
    }
}
