package com.controlpanel.provisioning.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A backup unzipped as the README's restore does it: each file of the archive into one directory. */
public final class Zips {

    private Zips() {}

    public static void unzip(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Files.copy(entries, into.resolve(Path.of(entry.getName()).getFileName()));
            }
        }
    }
}
