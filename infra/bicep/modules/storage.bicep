metadata description = 'Storage account for the Functions host, Durable Functions and the app data. Identity-only: shared keys are off.'

@description('Required. Name of the storage account (3-24 lowercase letters and digits).')
param name string

@description('Required. Azure region.')
param location string

@description('Optional. Tags applied to the account.')
param tags object = {}

@description('Required. Blob container that the Flex Consumption plan deploys the app package to.')
param deploymentContainerName string

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

@description('Required. Name of the storage account.')
output name string = storageAccount.name

@description('Required. Resource ID of the storage account.')
output resourceId string = storageAccount.id

@description('Required. Blob service endpoint, ending in a slash.')
output blobEndpoint string = storageAccount.properties.primaryEndpoints.blob

@description('Required. Queue service endpoint, ending in a slash.')
output queueEndpoint string = storageAccount.properties.primaryEndpoints.queue

@description('Required. Table service endpoint, ending in a slash.')
output tableEndpoint string = storageAccount.properties.primaryEndpoints.table
