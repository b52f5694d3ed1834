package com.controlpanel.provisioning.rebuild;

import java.util.List;

/** A live table and its rebuilt counterpart, and the columns that identify a row (in key order). */
public record TablePair(String readModel, String liveTable, String rebuiltTable, List<String> keyColumns) {}
