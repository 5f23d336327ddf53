targetScope = 'subscription'

metadata description = 'BalancFunctions: the Functions app, its storage, monitoring, Key Vault and the static site, in one resource group.'

import { roleAssignmentType } from 'modules/role-assignments.bicep'

@description('Required. Name of the azd environment; it names the resource group and seeds the resource names.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Required. Azure region of the resources.')
param location string

@description('Optional. Region of the Static Web App, which runs in fewer regions than Functions.')
@allowed([
  'westeurope'
  'centralus'
  'eastus2'
  'westus2'
  'eastasia'
])
param staticWebAppLocation string = 'westeurope'

@description('Required. SMTP server host name.')
param smtpHost string

@description('Optional. SMTP server port. A string, because azd passes environment values as strings.')
param smtpPort string = '587'

@description('Optional. TLS mode of the SMTP connection: None, StartTls, SslOnConnect or Auto.')
@allowed([
  'None'
  'StartTls'
  'SslOnConnect'
  'Auto'
])
param smtpSecurity string = 'StartTls'

@description('Optional. SMTP user name; empty for a server that needs no login.')
param smtpUserName string = ''

@description('Optional. SMTP password, stored in Key Vault; empty keeps the secret that the vault already holds.')
@secure()
param smtpPassword string = ''

@description('Required. Sender address of the e-mails.')
param smtpFromAddress string

@description('Required. Mailbox of the OTPC that receives escalations.')
param otpcEscalationEmail string

@description('Optional. Key that signs the submission tokens (at least 32 bytes, base64), stored in Key Vault; empty keeps the secret that the vault already holds.')
@secure()
param submissionTokenSigningKey string = ''

@description('Optional. Client ID of the Entra ID app registration for OTPC sign-in; empty leaves App Service authentication off.')
param authClientId string = ''

@description('Optional. Object IDs of the Entra ID groups allowed to call the app with a token (the OTPC group), separated by commas. A string, because azd passes environment values as strings.')
param allowedGroups string = ''

@description('Optional. Address that receives the operational alerts (failed lifecycle steps, e-mail failures, undelivered escalations); empty sends none.')
param alertEmail string = ''

var tags = {
  'azd-env-name': environmentName
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var deploymentContainerName = 'app-package-${resourceToken}'
var smtpPasswordSecretName = 'smtp-password'
var tokenSigningKeySecretName = 'submission-token-signing-key'
var names = {
  identity: 'id-${resourceToken}'
  storage: 'st${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  staticWebApp: 'stapp-${resourceToken}'
  functionApp: 'func-${resourceToken}'
  plan: 'plan-${resourceToken}'
}

// Built-in role definition IDs, from the Azure built-in roles reference.
var identityRoles roleAssignmentType[] = [
  {
    roleName: 'Storage Blob Data Owner'
    roleDefinitionId: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
    target: 'storage'
  }
  {
    roleName: 'Storage Queue Data Contributor'
    roleDefinitionId: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
    target: 'storage'
  }
  {
    roleName: 'Storage Table Data Contributor'
    roleDefinitionId: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
    target: 'storage'
  }
  {
    roleName: 'Key Vault Secrets User'
    roleDefinitionId: '4633458b-17de-408a-b874-0445c86b69e6'
    target: 'keyVault'
  }
  {
    roleName: 'Monitoring Metrics Publisher'
    roleDefinitionId: '3913510d-42f4-4e42-8a64-420c390055eb'
    target: 'applicationInsights'
  }
]

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: resourceGroup
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: resourceGroup
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: resourceGroup
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    alertEmail: alertEmail
  }
}

module keyVault 'modules/key-vault.bicep' = {
  scope: resourceGroup
  params: {
    name: names.keyVault
    location: location
    tags: tags
    smtpPassword: smtpPassword
    smtpPasswordSecretName: smtpPasswordSecretName
    tokenSigningKey: submissionTokenSigningKey
    tokenSigningKeySecretName: tokenSigningKeySecretName
  }
}

module roles 'modules/role-assignments.bicep' = {
  scope: resourceGroup
  params: {
    identityName: names.identity
    roleAssignments: identityRoles
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
  }
  // Names known at compile time keep What-If precise; these make the resources exist first.
  dependsOn: [
    identity
    storage
    keyVault
    monitoring
  ]
}

module staticWebApp 'modules/static-web-app.bicep' = {
  scope: resourceGroup
  params: {
    name: names.staticWebApp
    location: staticWebAppLocation
    tags: union(tags, { 'azd-service-name': 'web' })
  }
}

module functionApp 'modules/function-app.bicep' = {
  scope: resourceGroup
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    keyVaultUri: keyVault.outputs.uri
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    siteOrigin: 'https://${staticWebApp.outputs.defaultHostname}'
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpSecurity: smtpSecurity
    smtpUserName: smtpUserName
    smtpFromAddress: smtpFromAddress
    smtpPasswordSecretName: smtpPasswordSecretName
    otpcEscalationEmail: otpcEscalationEmail
    tokenSigningKeySecretName: tokenSigningKeySecretName
    authClientId: authClientId
    allowedGroups: filter(map(split(allowedGroups, ','), group => trim(group)), group => !empty(group))
  }
  // The host reads storage and Key Vault at its first start, so the roles must exist first.
  dependsOn: [
    storage
    roles
  ]
}

@description('Required. Name of the resource group, for azd.')
output AZURE_RESOURCE_GROUP string = resourceGroup.name

@description('Required. Tenant ID, for azd.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Required. Name of the Function App.')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Required. Base URL of the API.')
output API_BASE_URL string = 'https://${functionApp.outputs.defaultHostname}/'

@description('Required. Base URL of the static site.')
output SITE_BASE_URL string = 'https://${staticWebApp.outputs.defaultHostname}/'

@description('Required. Name of the Key Vault that holds the SMTP password and the token signing key.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
