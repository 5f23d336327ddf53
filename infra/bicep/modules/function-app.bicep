metadata description = 'Flex Consumption Function App (.NET 10 isolated worker) that reaches storage, Key Vault and Application Insights through one user-assigned identity.'

@description('Required. Name of the Function App.')
param name string

@description('Required. Name of the Flex Consumption plan.')
param planName string

@description('Required. Azure region.')
param location string

@description('Optional. Tags applied to the app. azd finds the app to deploy through the azd-service-name tag.')
param tags object = {}

@description('Required. Resource ID of the user-assigned identity.')
param identityResourceId string

@description('Required. Client ID of the user-assigned identity.')
param identityClientId string

@description('Required. Name of the storage account.')
param storageAccountName string

@description('Required. Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Required. URI of the Key Vault, ending in a slash.')
param keyVaultUri string

@description('Required. Connection string of Application Insights.')
param applicationInsightsConnectionString string

@description('Required. Origin of the Static Web App (https://host), the only origin allowed by CORS.')
param siteOrigin string

@description('Optional. Maximum number of instances the plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Optional. Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Required. SMTP server host name.')
param smtpHost string

@description('Optional. SMTP server port.')
param smtpPort string = '587'

@description('Optional. TLS mode of the SMTP connection (MailKit SecureSocketOptions).')
@allowed([
  'None'
  'StartTls'
  'SslOnConnect'
  'Auto'
])
param smtpSecurity string = 'StartTls'

@description('Optional. SMTP user name; empty for a server that needs no login.')
param smtpUserName string = ''

@description('Required. Sender address of the e-mails.')
param smtpFromAddress string

@description('Required. Mailbox of the OTPC that receives escalations.')
param otpcEscalationEmail string

@description('Required. Name of the Key Vault secret that holds the SMTP password.')
param smtpPasswordSecretName string

@description('Required. Name of the Key Vault secret that holds the submission token signing key.')
param tokenSigningKeySecretName string

@description('Optional. Client ID of the Entra ID app registration that signs in OTPC staff; empty leaves App Service authentication off.')
param authClientId string = ''

@description('Optional. Object IDs of the Entra ID groups allowed to call the app with a token (the OTPC group).')
param allowedGroups string[] = []

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

var blobEndpoint = storageAccount.properties.primaryEndpoints.blob
var smtpPasswordReference = '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${smtpPasswordSecretName}/)'
var tokenSigningKeyReference = '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${tokenSigningKeySecretName}/)'

// Every key here must be read by the app or the platform: Infrastructure/AppSettingsTests checks
// this object against the options that BalancServices binds. Keep it flat, one key per line.
var appSettings = {
  // Functions host and Durable Functions (Azure Storage provider), identity-based.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageAccount.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storageAccount.properties.primaryEndpoints.table

  // Telemetry with an Entra ID token, because the component has local authentication off.
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

  // StorageOptions: the agreements table and the PDF container.
  BalancStorage__TableServiceUri: storageAccount.properties.primaryEndpoints.table
  BalancStorage__BlobServiceUri: blobEndpoint
  BalancStorage__ClientId: identityClientId

  // SmtpOptions; the password comes from Key Vault.
  Smtp__Host: smtpHost
  Smtp__Port: smtpPort
  Smtp__Security: smtpSecurity
  Smtp__UserName: smtpUserName
  Smtp__Password: smtpPasswordReference
  Smtp__FromAddress: smtpFromAddress

  // OtpcOptions and SiteOptions.
  Otpc__EscalationEmail: otpcEscalationEmail
  Site__SiteBaseUrl: '${siteOrigin}/'
  Site__ApiBaseUrl: 'https://${functionApp.properties.defaultHostName}/'

  // TokenOptions; the signing key comes from Key Vault.
  SubmissionTokens__SigningKey: tokenSigningKeyReference
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the user-assigned identity, not a system-assigned one.
    keyVaultReferenceIdentity: identityResourceId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: {
        allowedOrigins: [
          siteOrigin
        ]
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: appSettings
}

// NOTE: the entities' routes are anonymous (they carry a signed submission token), so
// authentication cannot be required globally. Unauthenticated requests pass through to the
// function-key check of the otpc/* routes; a request that brings a token must come from a
// member of allowedGroups.
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(authClientId)) {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
          ]
          defaultAuthorizationPolicy: {
            allowedPrincipals: {
              groups: allowedGroups
            }
          }
        }
      }
    }
  }
}

@description('Required. Name of the Function App.')
output name string = functionApp.name

@description('Required. Default host name of the Function App, without a scheme.')
output defaultHostname string = functionApp.properties.defaultHostName
