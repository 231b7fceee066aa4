package org.ruraledu.contract;

import java.util.Arrays;
import java.util.Optional;

/** The 8 units that the plan assigns work to (区市 / 开发区), keyed as in the contract. */
public enum District {
    HUANCUI("huancui", "Huancui District", "环翠区"),
    WENDENG("wendeng", "Wendeng District", "文登区"),
    RONGCHENG("rongcheng", "Rongcheng City", "荣成市"),
    RUSHAN("rushan", "Rushan City", "乳山市"),
    GAOQU("gaoqu", "Torch Hi-tech Industrial Development Zone", "高区"),
    JINGQU("jingqu", "Economic and Technological Development Zone", "经区"),
    LINGANG("lingang", "Lingang Economic and Technological Development Zone", "临港区"),
    NANHAI("nanhai", "Nanhai New Area", "南海新区");

    /** Scope key of city-wide rollups. */
    public static final String CITY = "city";

    private final String key;
    private final String nameEn;
    private final String nameZh;

    District(String key, String nameEn, String nameZh) {
        this.key = key;
        this.nameEn = nameEn;
        this.nameZh = nameZh;
    }

    public String key() {
        return key;
    }

    public String nameEn() {
        return nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public static Optional<District> byKey(String key) {
        return Arrays.stream(values()).filter(d -> d.key.equals(key)).findFirst();
    }

    public static boolean isKey(String key) {
        return byKey(key).isPresent();
    }
}
