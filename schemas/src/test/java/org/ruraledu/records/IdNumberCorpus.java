package org.ruraledu.records;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Made-up resident ID numbers with the structure of GB 11643-1999, for tests. The check character is computed
 * here from the standard's definition (weight of position i is 2^(17-i) mod 11; the check c makes the weighted
 * sum of all 18 symbols 1 mod 11, with X for 10), not from the production table.
 */
final class IdNumberCorpus {
    /** Real county codes (GB/T 2260): Weihai's districts and cities, other provinces, HK and Taiwan permits. */
    private static final String[] ADDRESS_CODES = {"371002", "371003", "371082", "371083", "370102", "110105",
            "120101", "440305", "540102", "650102", "810000", "830000"};
    static final String CHECK_CHARACTERS = "0123456789X";

    private final Random random;

    IdNumberCorpus(long seed) {
        this.random = new Random(seed);
    }

    static char checkOf(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * (1 << (17 - i)) % 11;
        }
        int check = Math.floorMod(1 - sum, 11);
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    /** A valid 18-character number born between 1950 and 2022. */
    String number() {
        String first17 = ADDRESS_CODES[random.nextInt(ADDRESS_CODES.length)]
                + birthDate(1950, 2022).toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
        return first17 + checkOf(first17);
    }

    /** {@code perCheck} valid numbers for each check character 0..9 and X. */
    List<String> numbersWithEveryCheckCharacter(int perCheck) {
        List<String> numbers = new ArrayList<>();
        for (char check : CHECK_CHARACTERS.toCharArray()) {
            while (numbers.size() < perCheck * (CHECK_CHARACTERS.indexOf(check) + 1)) {
                String number = number();
                if (number.charAt(17) == check) {
                    numbers.add(number);
                }
            }
        }
        return numbers;
    }

    /** An old 15-digit number (before 1999): address code, YYMMDD of a 1900s birth date, sequence. */
    String oldNumber() {
        return ADDRESS_CODES[random.nextInt(5)] + birthDate(1930, 1999).toString().replace("-", "").substring(2)
                + String.format("%03d", random.nextInt(1000));
    }

    private LocalDate birthDate(int fromYear, int toYear) {
        long first = LocalDate.of(fromYear, 1, 1).toEpochDay();
        long last = LocalDate.of(toYear, 12, 31).toEpochDay();
        return LocalDate.ofEpochDay(first + (long) (random.nextDouble() * (last - first + 1)));
    }

    /** The same text in full-width digits and X (U+FF10..U+FF19, U+FF38). */
    static String fullWidth(String number) {
        StringBuilder out = new StringBuilder();
        for (char c : number.toCharArray()) {
            out.append(c == 'X' ? 'Ｘ' : (char) ('０' + (c - '0')));
        }
        return out.toString();
    }
}
