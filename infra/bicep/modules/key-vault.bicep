metadata description = 'Key Vault with Azure RBAC authorization (no access policies) for the SMTP password and the token signing key.'

@description('Required. Name of the vault (3-24 characters).')
param name string

@description('Required. Azure region.')
param location string

@description('Optional. Tags applied to the vault.')
param tags object = {}

@description('Optional. Enables purge protection. Once on, it cannot be turned off, and a deleted vault name stays reserved for the retention period.')
param enablePurgeProtection bool = true

@description('Optional. Value of the SMTP password secret; empty leaves the secret as it is, to be set with az keyvault secret set.')
@secure()
param smtpPassword string = ''

@description('Required. Name of the SMTP password secret.')
param smtpPasswordSecretName string

@description('Optional. Value of the submission token signing key secret (at least 32 bytes, base64); empty leaves the secret as it is.')
@secure()
param tokenSigningKey string = ''

@description('Required. Name of the submission token signing key secret.')
param tokenSigningKeySecretName string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    accessPolicies: []
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpPassword)) {
  parent: vault
  name: smtpPasswordSecretName
  properties: {
    value: smtpPassword
  }
}

resource tokenSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(tokenSigningKey)) {
  parent: vault
  name: tokenSigningKeySecretName
  properties: {
    value: tokenSigningKey
  }
}

@description('Required. Name of the vault.')
output name string = vault.name

@description('Required. Resource ID of the vault.')
output resourceId string = vault.id

@description('Required. URI of the vault, ending in a slash.')
output uri string = vault.properties.vaultUri
