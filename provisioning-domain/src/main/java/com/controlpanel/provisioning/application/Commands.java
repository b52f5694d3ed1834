package com.controlpanel.provisioning.application;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Sends commands with the asker recorded as metadata, and waits: when this returns, the events are stored and every
 * read model updated in the command's transaction shows them. A refused command throws its domain exception.
 */
public class Commands {

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(CommandContext context, Object command) {
        return gateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(context.metaData())));
    }
}
