package com.controlpanel.provisioning.directory;

/**
 * How the searches read a name, for readers outside the directory: lower-cased and without accents ("Équipe" reads
 * "equipe"), as the member and team searches read theirs.
 */
public final class SearchText {

    private SearchText() {}

    public static String folded(String text) {
        return ProfileIndex.folded(text);
    }
}
