package com.controlpanel.provisioning.application;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Sends commands with the asker recorded as metadata, and waits: when this returns, the events are stored, on disk,
 * and every read model updated in the command's transaction shows them. A refused command throws its domain exception.
 */
public class Commands {

    private final CommandGateway gateway;
    private final WriteDurability durability;

    public Commands(CommandGateway gateway, WriteDurability durability) {
        this.gateway = gateway;
        this.durability = durability;
    }

    public <R> R send(CommandContext context, Object command) {
        R result = gateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(context.metaData())));
        durability.awaitDurable();
        return result;
    }
}
