package com.controlpanel.provisioning.rebuild;

import java.util.List;

/** A live table and its rebuilt counterpart, compared row by row in key order. */
public record TablePair(String readModel, String liveTable, String rebuiltTable, List<String> keyColumns) {}
