package org.ruraledu.streams.alert;

import org.ruraledu.contract.District;

/**
 * A school and its district as alert messages name them: {@code 文登区某某小学} in Chinese,
 * {@code Some School (Wendeng District)} in English. An unknown district key leaves just the school name.
 */
public record Where(String zh, String en) {

    public static Where of(String schoolName, String districtKey) {
        return District.byKey(districtKey)
                .map(d -> new Where(d.nameZh() + schoolName, schoolName + " (" + d.nameEn() + ")"))
                .orElse(new Where(schoolName, schoolName));
    }
}
